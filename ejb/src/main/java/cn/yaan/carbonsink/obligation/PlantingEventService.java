package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.identity.CitizenProfile;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.RowLocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Planting events (义务植树活动): officers announce them, citizens sign up, and at the event the organiser scans each
 * citizen's rotating, signed attendance QR code, which credits the trees planted to the citizen's duty year.
 */
@Stateless
public class PlantingEventService {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    CitizenService citizens;

    @Inject
    DutySettings settings;

    @Inject
    SigningKeys keys;

    @Inject
    ObligationService obligations;

    @Inject
    DutyRecords records;

    @Schema(requiredProperties = {"id", "places", "placesLeft", "treesPerAttendee"})
    public record EventView(long id, String site, LocalDate date, int places, int placesLeft, int treesPerAttendee) {
    }

    public record NewEvent(@NotBlank @Schema(maxLength = 200) String site, @NotNull LocalDate date,
                           @NotNull @Min(1) @Max(100_000) Integer places,
                           @NotNull @Min(1) @Max(100) Integer treesPerAttendee) {
    }

    public EventView createEvent(@NotNull @Valid NewEvent e, String officer) {
        LocalDate date = e.date();
        int places = e.places();
        int treesPerAttendee = e.treesPerAttendee();
        String where = FreeText.required("site", e.site(), 200);
        if (date == null || date.isBefore(clock.today()) || date.isAfter(clock.today().plusYears(2))) {
            throw BusinessException.invalid("date", "The date must be from today to two years ahead.");
        }
        if (places < 1 || places > 100_000) {
            throw BusinessException.invalid("places", "The places must be from 1 to 100000.");
        }
        if (treesPerAttendee < 1 || treesPerAttendee > DutyRecords.MAX_TREES) {
            throw BusinessException.invalid("treesPerAttendee", "The trees per attendee must be from 1 to " + DutyRecords.MAX_TREES + ".");
        }
        PlantingEvent event = new PlantingEvent(where, date, places, treesPerAttendee, officer, clock.now());
        em.persist(event);
        em.flush();
        return view(event);
    }

    /** Events from today on, soonest first. */
    public List<EventView> upcomingEvents() {
        return em.createNamedQuery("PlantingEvent.from", PlantingEvent.class).setParameter("from", clock.today())
                .setMaxResults(200).getResultStream().map(this::view).toList();
    }

    /** A place at an event: 409 {@code already-signed-up}, 409 {@code event-full}, 422 {@code event-past}. */
    public EventView signUp(String username, long eventId) {
        CitizenProfile profile = records.profile(username);
        PlantingEvent event = RowLocks.byId(em, PlantingEvent.class, eventId);
        if (event == null) {
            throw BusinessException.notFound("No planting event " + eventId + ".");
        }
        if (event.date.isBefore(clock.today())) {
            throw BusinessException.unprocessable("event-past", "The event is over; sign up for a coming one.");
        }
        if (em.createNamedQuery("EventSignup.exists", Long.class).setParameter("event", eventId)
                .setParameter("account", profile.accountId()).getSingleResult() > 0) {
            throw BusinessException.conflict("already-signed-up", "You have a place at this event already.");
        }
        if (signups(eventId) >= event.places) {
            throw BusinessException.conflict("event-full", "The event has no places left.");
        }
        em.persist(new EventSignup(eventId, profile.accountId(), clock.now()));
        em.flush();
        return view(event);
    }

    public record Qr(String text, Instant expiresAt) {
    }

    /** A fresh attendance QR code for the citizen, valid for the qr-minutes setting. */
    public Qr attendanceQr(String username) {
        CitizenProfile profile = records.profile(username);
        Instant expires = clock.now().plus(Duration.ofMinutes(settings.current().qrMinutes()));
        AttendanceQr qr = new AttendanceQr(keys.activeKeyId(), profile.qrRef(), Instant.ofEpochSecond(expires.getEpochSecond()));
        return new Qr(qr.encode(keys::sign), qr.expires());
    }

    @Schema(requiredProperties = {"eventId", "trees", "year"})
    public record Attendance(long eventId, String citizen, int trees, int year, String status) {
    }

    /**
     * The organiser scanned a citizen's QR code at an event: checks its signature and expiry, records the attendance
     * once (409 {@code already-attended}) and credits the trees planted (the event's number unless given).
     */
    public Attendance recordAttendance(long eventId, String scanned, Integer trees, String officer) {
        PlantingEvent event = em.find(PlantingEvent.class, eventId);
        if (event == null) {
            throw BusinessException.notFound("No planting event " + eventId + ".");
        }
        AttendanceQr.Scanned qr = AttendanceQr.parse("citizenQr", scanned);
        if (!keys.verify(qr.qr().keyId(), qr.message(), qr.signature())) {
            throw BusinessException.invalid("citizenQr", "The QR code's signature is not valid.");
        }
        if (!clock.now().isBefore(qr.qr().expires())) {
            throw BusinessException.unprocessable("qr-expired",
                    "The QR code has expired; ask the citizen to open a fresh one on their phone.");
        }
        int planted = trees == null ? event.treesPerAttendee : trees;
        if (planted < 1 || planted > DutyRecords.MAX_TREES) {
            throw BusinessException.invalid("trees", "The trees planted must be from 1 to " + DutyRecords.MAX_TREES + ".");
        }
        if (clock.today().isBefore(event.date)) {
            throw BusinessException.unprocessable("event-not-started", "The event takes place on " + event.date + ".");
        }
        CitizenProfile profile = citizens.byQrRef(qr.qr().ref()).orElseThrow(() ->
                BusinessException.invalid("citizenQr", "The QR code names no registered citizen."));
        profile = citizens.lock(profile.accountId());
        if (em.createNamedQuery("EventAttendance.exists", Long.class).setParameter("event", eventId)
                .setParameter("account", profile.accountId()).getSingleResult() > 0) {
            throw BusinessException.conflict("already-attended", "This citizen's attendance at the event is recorded already.");
        }
        em.persist(new EventAttendance(eventId, profile.accountId(), planted, officer, clock.now()));
        int year = event.date.getYear();
        records.record(profile.accountId(), year, FulfilmentForm.PLANTING, planted, 0, "", "event:" + eventId, officer);
        return new Attendance(eventId, Masking.name(profile.name()), planted, year,
                obligations.obligation(profile.username(), year).status());
    }

    /** Where a citizen stands with an event: signed up for a coming one, attended (trees planted), or missed. */
    public enum MyEventStatus { SIGNED_UP, ATTENDED, MISSED }

    public record MyEvent(long id, String site, LocalDate date, MyEventStatus status, int trees) {
    }

    /**
     * The events the citizen signed up for or attended, newest first, at most {@code max}; none for an account
     * without citizen data.
     */
    public List<MyEvent> mine(String username, int max) {
        Optional<Long> account = citizens.profile(username).map(CitizenProfile::accountId);
        if (account.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> attended = em.createQuery("select a.eventId, a.trees from EventAttendance a "
                        + "where a.accountId = :account", Object[].class).setParameter("account", account.get())
                .getResultStream().collect(Collectors.toMap(r -> (Long) r[0], r -> (Integer) r[1], Integer::sum));
        LocalDate today = clock.today();
        return em.createQuery("select e from PlantingEvent e where e.id in (select s.eventId from EventSignup s "
                        + "where s.accountId = :account) or e.id in (select a.eventId from EventAttendance a "
                        + "where a.accountId = :account) order by e.date desc, e.id desc", PlantingEvent.class)
                .setParameter("account", account.get()).setMaxResults(max).getResultStream()
                .map(e -> new MyEvent(e.id, e.site, e.date, attended.containsKey(e.id) ? MyEventStatus.ATTENDED
                        : e.date.isBefore(today) ? MyEventStatus.MISSED : MyEventStatus.SIGNED_UP,
                        attended.getOrDefault(e.id, 0)))
                .toList();
    }

    private long signups(long eventId) {
        return em.createNamedQuery("EventSignup.count", Long.class).setParameter("event", eventId).getSingleResult();
    }

    private EventView view(PlantingEvent e) {
        return new EventView(e.id, e.site, e.date, e.places, (int) Math.max(0, e.places - signups(e.id)),
                e.treesPerAttendee);
    }
}
