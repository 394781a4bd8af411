package cn.yaan.carbonsink.tourism;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gate: checking tickets in at one site (invariant 4: a ticket admits once; a second scan says when and where it
 * was first used), the data an offline scanner downloads, the scans it sends after the network returns, and the
 * site's day at a glance. A ticket is valid from its slot's start less {@code carbonsink.ticket.early-minutes} to
 * its end plus {@code carbonsink.ticket.late-minutes} (30 each by default).
 */
@Stateless
public class GateService {

    /** Characters of the name of the gate a scan was made at. */
    static final int GATE_MAX = 40;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    Metrics metrics;

    @Inject
    SiteService sites;

    @Inject
    SigningKeys keys;

    @Schema(name = "GateResult")
    public enum Result { ADMITTED, ALREADY_CHECKED_IN, WRONG_SITE, NOT_YET_VALID, EXPIRED, CANCELLED, INVALID_SIGNATURE }

    public record FirstCheckIn(Instant at, String gate) {
    }

    /** A site as the gate names it: its code and its names in both languages. */
    public record SiteName(String code, String nameZh, String nameEn) {
        static SiteName of(ScenicSite site) {
            return new SiteName(site.code(), site.nameZh(), site.nameEn());
        }
    }

    /**
     * What the gate shows: the verdict and, when the ticket is genuine, what it is for, naming the ticket's site so
     * that staff can send a visitor with another site's ticket on their way.
     */
    public record Verdict(Result result, String bookingNo, SiteName site, Integer partySize, Instant slotStart,
                          Instant slotEnd, FirstCheckIn firstCheckIn) {
        static Verdict of(Result result) {
            return new Verdict(result, null, null, null, null, null, null);
        }

        public String siteCode() {
            return site == null ? null : site.code();
        }
    }

    /** When a ticket for a slot starting at {@code start} is first admitted. */
    public static Instant entryFrom(Instant start) {
        return start.minus(early());
    }

    static Duration early() {
        return Duration.ofMinutes(Long.parseLong(Settings.get("carbonsink.ticket.early-minutes", "30")));
    }

    static Duration late() {
        return Duration.ofMinutes(Long.parseLong(Settings.get("carbonsink.ticket.late-minutes", "30")));
    }

    /** The site whose gates the caller works; 403 for an operator without one. */
    public ScenicSite siteOf(Caller operator) {
        ScenicSite site = sites.siteOfOperator(operator.organisationCode());
        if (site == null) {
            throw new BusinessException(BusinessException.Kind.FORBIDDEN, "no-site",
                    "This account is not an operator of any scenic site.");
        }
        return site;
    }

    /**
     * Checks a ticket in at the operator's site: now (online), or at the time an offline scanner recorded
     * ({@code scannedAt}). A scan from an offline scanner of a ticket already used is recorded as a conflict, so
     * the site sees a ticket shown at two gates while they had no network.
     */
    public Verdict checkIn(Caller operator, String qr, String gate, Instant scannedAt) {
        return checkIn(operator, qr, gate, scannedAt, null);
    }

    /** Characters of an offline scan's nonce. */
    static final int NONCE_MAX = 64;

    /**
     * {@link #checkIn(Caller, String, String, Instant)} for an offline scan with the scanner's nonce: the same scan
     * sent again (a batch resent after a lost answer) gets the answer it got the first time and records nothing new,
     * so it never shows as the ticket used at two gates. Scanners that send no nonce are recognised by operator, gate
     * and time instead.
     */
    public Verdict checkIn(Caller operator, String qr, String gate, Instant scannedAt, String nonce) {
        if (nonce != null && (scannedAt == null || nonce.isBlank() || nonce.length() > NONCE_MAX
                || !nonce.matches("[A-Za-z0-9_-]+"))) {
            throw BusinessException.invalid("nonce", "A scan's nonce is 1 to " + NONCE_MAX
                    + " letters, digits, '-' or '_', sent with an offline scan.");
        }
        Verdict verdict = judge(operator, qr, gate, scannedAt, nonce);
        metrics.count(Metrics.CHECK_INS, "verdict", verdict.result());
        return verdict;
    }

    private Verdict judge(Caller operator, String qr, String gate, Instant scannedAt, String nonce) {
        gate = FreeText.required("gate", gate, GATE_MAX);
        ScenicSite site = siteOf(operator);
        Instant now = clock.now();
        boolean offline = scannedAt != null;
        Instant at = offline ? scannedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS) : now;
        if (offline && (at.isAfter(now.plusSeconds(300)) || at.isBefore(now.minus(Duration.ofDays(7))))) {
            throw BusinessException.invalid("scannedAt", "An offline scan must be from the last 7 days, not the future.");
        }
        Optional<TicketPayload.Signed> signed = TicketPayload.fromScan(qr);
        if (signed.isEmpty() || !keys.verify(signed.get().payload().keyId(), signed.get().body(), signed.get().signature())) {
            return Verdict.of(Result.INVALID_SIGNATURE);
        }
        TicketPayload ticket = signed.get().payload();
        Optional<Booking> found = em.createNamedQuery("Booking.byNo", Booking.class).setParameter("no", ticket.bookingNo())
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            return Verdict.of(Result.INVALID_SIGNATURE);
        }
        Booking booking = found.get();
        if (!ticket.siteCode().equals(site.code())) {
            SiteName named = em.createNamedQuery("ScenicSite.byCode", ScenicSite.class)
                    .setParameter("code", ticket.siteCode()).getResultStream().findFirst().map(SiteName::of)
                    .orElse(new SiteName(ticket.siteCode(), null, null));
            return new Verdict(Result.WRONG_SITE, booking.bookingNo(), named, booking.partySize(), ticket.start(),
                    ticket.end(), null);
        }
        SiteName here = SiteName.of(site);
        Function<Result, Verdict> verdict = r -> new Verdict(r, booking.bookingNo(), here, booking.partySize(),
                ticket.start(), ticket.end(), null);
        if (at.isBefore(entryFrom(ticket.start()))) {
            return verdict.apply(Result.NOT_YET_VALID);
        }
        if (at.isAfter(ticket.end().plus(late()))) {
            return verdict.apply(Result.EXPIRED);
        }
        // A ticket already used is refused without a lock; admitting locks the booking, so two gates scanning one
        // ticket at the same moment admit it once, and a cancellation cannot slip in between.
        CheckIn first = em.find(CheckIn.class, booking.id());
        if (first == null) {
            RowLocks.fresh(em, booking);
            first = em.find(CheckIn.class, booking.id());
        }
        if (booking.status() != BookingStatus.CONFIRMED) {
            return verdict.apply(Result.CANCELLED);
        }
        if (first != null && offline && first.sameScan(nonce, operator.username(), gate, at)) {
            return verdict.apply(Result.ADMITTED);
        }
        if (first != null) {
            if (offline) {
                // Under the booking's lock, so the same scan sent twice at once records one conflict.
                RowLocks.fresh(em, booking);
                long recorded = nonce != null
                        ? em.createNamedQuery("CheckInConflict.byNonce", Long.class).setParameter("booking", booking.id())
                                .setParameter("nonce", nonce).getSingleResult()
                        : em.createNamedQuery("CheckInConflict.sameScan", Long.class).setParameter("booking", booking.id())
                                .setParameter("operator", operator.username()).setParameter("gate", gate)
                                .setParameter("at", at).getSingleResult();
                if (recorded == 0) {
                    em.persist(new CheckInConflict(booking.id(), gate, at, operator.username(), now, nonce));
                }
            }
            Verdict v = verdict.apply(Result.ALREADY_CHECKED_IN);
            return new Verdict(v.result(), v.bookingNo(), v.site(), v.partySize(), v.slotStart(), v.slotEnd(),
                    new FirstCheckIn(first.at(), first.gate()));
        }
        // The check-in row is the record (operator, gate, time); the ledger's audit chain is for units, and every
        // gate appending to it would queue all admissions on its head.
        em.persist(new CheckIn(booking.id(), gate, at, operator.username(), offline, now, nonce));
        return verdict.apply(Result.ADMITTED);
    }

    /** A day's booking at the site, as an offline scanner keeps it. */
    @Schema(requiredProperties = {"partySize"})
    public record OfflineBooking(String bookingNo, int partySize, Instant slotStart, Instant slotEnd, String status,
                                 FirstCheckIn checkedIn) {
    }

    @Schema(requiredProperties = {"earlyMinutes", "lateMinutes"})
    public record OfflineData(String siteCode, LocalDate date, Instant generatedAt, long earlyMinutes, long lateMinutes,
                              List<OfflineBooking> bookings, List<SiteName> sites) {
    }

    /**
     * What a scanner needs to decide alone for a day: the bookings (no personal data), their status, check-ins, and
     * every site's name, so that a ticket for another site is named offline too.
     */
    public OfflineData offlineData(Caller operator, LocalDate date) {
        ScenicSite site = siteOf(operator);
        Map<Long, VisitSlot> slots = sites.slots(site.code(), date).stream()
                .collect(Collectors.toMap(VisitSlot::id, Function.identity()));
        List<Booking> bookings = slots.isEmpty() ? List.of() : em.createNamedQuery("Booking.ofSlots", Booking.class)
                .setParameter("slots", slots.keySet()).getResultList();
        Map<Long, CheckIn> checkIns = checkIns(bookings);
        List<OfflineBooking> list = bookings.stream()
                .filter(b -> b.status() == BookingStatus.CONFIRMED || b.status() == BookingStatus.CANCELLED)
                .map(b -> {
                    VisitSlot s = slots.get(b.slotId());
                    CheckIn c = checkIns.get(b.id());
                    return new OfflineBooking(b.bookingNo(), b.partySize(), s.startsAt(), s.endsAt(), b.status().name(),
                            c == null ? null : new FirstCheckIn(c.at(), c.gate()));
                }).toList();
        return new OfflineData(site.code(), date, clock.now(), early().toMinutes(), late().toMinutes(), list,
                sites.sites().stream().map(SiteName::of).toList());
    }

    private Map<Long, CheckIn> checkIns(List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select c from CheckIn c where c.bookingId in :ids", CheckIn.class)
                .setParameter("ids", bookings.stream().map(Booking::id).toList()).getResultStream()
                .collect(Collectors.toMap(CheckIn::bookingId, Function.identity()));
    }

    @Schema(requiredProperties = {"slotId", "capacity", "booked", "confirmedVisitors", "checkedInVisitors", "closed"})
    public record SlotFigures(long slotId, Instant start, Instant end, int capacity, int booked, int confirmedVisitors,
                              int checkedInVisitors, boolean closed) {
    }

    @Schema(name = "CheckInConflict")
    public record Conflict(String bookingNo, String gate, Instant scannedAt, FirstCheckIn firstCheckIn) {
    }

    @Schema(requiredProperties = {"dailyCapacity", "walkInPercent", "walkInPlaces"})
    public record Dashboard(String siteCode, String nameZh, String nameEn, LocalDate date, int dailyCapacity,
                            int walkInPercent, int walkInPlaces, List<SlotFigures> slots, List<Conflict> conflicts) {
    }

    /** The site's day: per slot capacity, booked, confirmed and checked-in visitors; the walk-in share; conflicts. */
    public Dashboard dashboard(Caller operator, LocalDate date) {
        ScenicSite site = siteOf(operator);
        List<VisitSlot> slots = sites.slots(site.code(), date);
        List<Booking> bookings = slots.isEmpty() ? List.of() : em.createNamedQuery("Booking.ofSlots", Booking.class)
                .setParameter("slots", slots.stream().map(VisitSlot::id).toList()).getResultList();
        Map<Long, CheckIn> checkIns = checkIns(bookings);
        List<SlotFigures> figures = slots.stream().map(s -> {
            List<Booking> of = bookings.stream().filter(b -> b.slotId() == s.id()).toList();
            int confirmed = of.stream().filter(b -> b.status() == BookingStatus.CONFIRMED).mapToInt(Booking::partySize).sum();
            int checkedIn = of.stream().filter(b -> checkIns.containsKey(b.id())).mapToInt(Booking::partySize).sum();
            return new SlotFigures(s.id(), s.startsAt(), s.endsAt(), s.capacity(), s.booked(), confirmed, checkedIn, s.closed());
        }).toList();
        Map<Long, Booking> byId = bookings.stream().collect(Collectors.toMap(Booking::id, Function.identity()));
        List<Conflict> conflicts = bookings.isEmpty() ? List.of() : em.createNamedQuery("CheckInConflict.ofBookings",
                        CheckInConflict.class).setParameter("bookings", byId.keySet()).getResultStream()
                .map(c -> {
                    CheckIn first = checkIns.get(c.bookingId());
                    return new Conflict(byId.get(c.bookingId()).bookingNo(), c.gate(), c.scannedAt(),
                            first == null ? null : new FirstCheckIn(first.at(), first.gate()));
                }).toList();
        return new Dashboard(site.code(), site.nameZh(), site.nameEn(), date, site.dailyCapacity(), site.walkInPercent(),
                site.dailyCapacity() - site.bookableDailyCapacity(), figures, conflicts);
    }
}
