package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.OrganisationKind;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.AuditLedger;
import cn.yaan.carbonsink.platform.AuditTrail;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
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
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Running scenic sites: creating one, and what its managers do. Officers act on every site; a site manager
 * ({@link Role#SITE_MANAGER}) on the site whose operator organisation is the account's own, and is refused (403
 * {@code not-your-site}) any other. The slot rules themselves are {@link SiteService}'s.
 */
@Stateless
public class SiteAdminService {

    @PersistenceContext
    EntityManager em;

    @Inject
    SiteService sites;

    @Inject
    IdentityService identity;

    @Inject
    AuditLedger audit;

    @Inject
    AppClock clock;

    @Inject
    AuditTrail trail;

    @Schema(name = "NewSite")
    public record NewSite(@NotNull @Pattern(regexp = "[A-Z][A-Z0-9]{1,11}", message = "must be 2 to 12 capital letters and digits, the first a letter")
                          @Schema(maxLength = 12) String code,
                          @NotBlank @Schema(maxLength = 100) String nameZh,
                          @NotBlank @Schema(maxLength = 100) String nameEn,
                          @NotBlank @Schema(maxLength = 100) String county,
                          @NotNull @Min(1) @Max(1_000_000) Integer dailyCapacity,
                          @NotNull @Min(0) @Max(90) Integer walkInPercent,
                          @NotNull LocalTime opensAt, @NotNull LocalTime closesAt,
                          @NotBlank @Schema(maxLength = 100) String capacityNote) {
    }

    /**
     * Creates a site, and its organisation {@code SITE-<code>} (a scenic site's, whose accounts work its gates and
     * manage it) unless that exists already. A site with the code already is 409 {@code site-exists}.
     */
    public ScenicSite createSite(@NotNull @Valid NewSite n, Caller caller) {
        if (!caller.has(Role.OFFICER)) {
            throw new BusinessException(BusinessException.Kind.FORBIDDEN, "not-your-site",
                    "Only the bureau's officers create scenic sites.");
        }
        if (!n.opensAt().isBefore(n.closesAt())) {
            throw BusinessException.invalid("closesAt", "The site must close after it opens.");
        }
        String nameZh = FreeText.required("nameZh", n.nameZh(), 100);
        String nameEn = FreeText.required("nameEn", n.nameEn(), 100);
        String county = FreeText.required("county", n.county(), 100);
        String note = FreeText.required("capacityNote", n.capacityNote(), 100);
        audit.lockHead(); // two officers creating one code at once: the second waits here and then sees the first
        if (!em.createNamedQuery("ScenicSite.byCode", ScenicSite.class).setParameter("code", n.code()).getResultList().isEmpty()) {
            throw BusinessException.conflict("site-exists", "There is already a site with the code " + n.code() + ".");
        }
        String org = "SITE-" + n.code();
        identity.organisation(org).ifPresentOrElse(o -> {
            if (o.kind() != OrganisationKind.SCENIC_SITE) {
                throw BusinessException.conflict("site-exists", "The code " + org + " belongs to another organisation.");
            }
        }, () -> identity.createOrganisation(org, OrganisationKind.SCENIC_SITE, nameZh, nameEn));
        ScenicSite site = new ScenicSite(n.code(), nameZh, nameEn, county, n.dailyCapacity(), n.walkInPercent(),
                n.opensAt(), n.closesAt(), org, note);
        em.persist(site);
        em.flush();
        String detail = "org=" + org + " daily=" + n.dailyCapacity() + " walkIn=" + n.walkInPercent() + " hours="
                + n.opensAt() + "-" + n.closesAt();
        audit.append(caller.username(), "SITE_CREATED site=" + n.code() + " " + detail);
        trail.record(caller.username(), "SITE_CREATED", "site:" + n.code(), detail);
        return site;
    }

    /** The sites the caller runs: every site for an officer, the own site for a site manager. */
    public List<ScenicSite> managedSites(Caller caller) {
        return sites.sites().stream().filter(s -> mayManage(s, caller)).toList();
    }

    /** A site the caller runs: 404 when there is none, 403 {@code not-your-site} for another manager's. */
    public ScenicSite managedSite(String code, Caller caller) {
        ScenicSite site = sites.site(code);
        requireManager(site, caller);
        return site;
    }

    public ScenicSite update(String code, SiteService.SiteChange change, Caller caller) {
        managedSite(code, caller);
        ScenicSite site = sites.update(code, change, caller.username());
        trail.record(caller.username(), "SITE_UPDATED", "site:" + code, "daily=" + site.dailyCapacity() + " walkIn="
                + site.walkInPercent() + " hours=" + site.opensAt() + "-" + site.closesAt());
        return site;
    }

    public List<VisitSlot> createSlots(String code, SiteService.NewSlots slots, Caller caller) {
        managedSite(code, caller);
        List<VisitSlot> created = sites.createSlots(code, slots, caller.username());
        trail.record(caller.username(), "SLOTS_CREATED", "site:" + code, "from=" + slots.from() + " to=" + slots.to()
                + " starts=" + slots.startTimes() + " capacity=" + slots.capacity() + " count=" + created.size());
        return created;
    }

    public VisitSlot changeCapacity(long slotId, SiteService.CapacityChange change, Caller caller) {
        ScenicSite site = sites.siteOf(sites.slot(slotId));
        requireManager(site, caller);
        int before = sites.slot(slotId).capacity();
        VisitSlot slot = sites.changeCapacity(slotId, change, caller.username());
        trail.record(caller.username(), "SLOT_CAPACITY", "site:" + site.code(), "slot=" + slotId + " " + before + "->"
                + slot.capacity());
        return slot;
    }

    @Schema(name = "Closure")
    public record Closure(@NotNull LocalDate date, @NotBlank @Schema(maxLength = 200) String reason) {
    }

    /** A booking made for a day that was closed: what the site's staff need to reach the party (no personal data). */
    public record AffectedBooking(String bookingNo, BookingStatus status, int partySize, Instant slotStart) {
    }

    public record ClosedDay(String site, LocalDate date, String reason, int slotsClosed, List<AffectedBooking> bookings) {
    }

    /**
     * Closes a day to new bookings (weather, an emergency) for a reason visitors see on the slot and on their bookings.
     * Bookings already made stay valid and are listed: their parties are told the reason on their booking's page, may
     * still come (the ticket admits, the gate decides) or cancel it before the slot, which gives the places back; a
     * paid offset stays retired and its certificate valid, as for any cancellation, since the units were retired for
     * the trip. Closing a closed day again replaces the reason. Past days cannot be closed.
     */
    public ClosedDay closeDay(String code, @NotNull @Valid Closure closure, Caller caller) {
        ScenicSite site = managedSite(code, caller);
        LocalDate date = closure.date();
        if (date.isBefore(clock.today())) {
            throw BusinessException.invalid("date", "A day that has passed cannot be closed.");
        }
        String reason = FreeText.required("reason", closure.reason(), 200);
        // Under the slots' locks, taken after the audit chain's head as a booking takes them: a copy read without
        // them would write back a booked count that a booking at the same moment has changed.
        audit.lockHead();
        List<VisitSlot> day = RowLocks.byIds(em, VisitSlot.class, "id", sites.slots(code, date).stream().map(VisitSlot::id).toList());
        day.forEach(s -> s.close(reason));
        audit.append(caller.username(), "DAY_CLOSED site=" + code + " date=" + date + " slots=" + day.size());
        trail.record(caller.username(), "DAY_CLOSED", "site:" + code, "date=" + date + " slots=" + day.size()
                + " reason=" + reason);
        return new ClosedDay(site.code(), date, reason, day.size(), affected(day));
    }

    public record SlotRow(long id, Instant start, Instant end, int capacity, int booked, boolean closed) {
    }

    public record Day(LocalDate date, List<SlotRow> slots, String closedReason, List<AffectedBooking> bookings) {
        public int capacity() {
            return slots.stream().mapToInt(SlotRow::capacity).sum();
        }

        public int booked() {
            return slots.stream().mapToInt(SlotRow::booked).sum();
        }
    }

    public record Week(ScenicSite site, LocalDate monday, List<Day> days) {
    }

    /** The week (Monday to Sunday) holding {@code anyDay}: each day's slots, and for a closed day its reason and bookings. */
    public Week week(String code, LocalDate anyDay, Caller caller) {
        ScenicSite site = managedSite(code, caller);
        LocalDate monday = (anyDay == null ? clock.today() : anyDay).with(DayOfWeek.MONDAY);
        Map<LocalDate, List<VisitSlot>> byDay = em.createNamedQuery("VisitSlot.ofDays", VisitSlot.class)
                .setParameter("site", site.id()).setParameter("from", monday).setParameter("to", monday.plusDays(6))
                .getResultStream().sorted(Comparator.comparing(VisitSlot::startsAt))
                .collect(Collectors.groupingBy(VisitSlot::date));
        List<VisitSlot> closed = byDay.values().stream().flatMap(List::stream).filter(VisitSlot::closed).toList();
        Map<LocalDate, List<AffectedBooking>> bookings = affected(closed).stream().collect(Collectors.groupingBy(
                b -> b.slotStart().atZone(AppClock.ZONE).toLocalDate()));
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = monday.plusDays(i);
            List<VisitSlot> slots = byDay.getOrDefault(date, List.of());
            String reason = slots.stream().map(VisitSlot::closedReason).filter(Objects::nonNull).findFirst()
                    .orElse(slots.stream().anyMatch(VisitSlot::closed) ? "" : null);
            days.add(new Day(date, slots.stream().map(s -> new SlotRow(s.id(), s.startsAt(), s.endsAt(), s.capacity(),
                    s.booked(), s.closed())).toList(), reason, bookings.getOrDefault(date, List.of())));
        }
        return new Week(site, monday, days);
    }

    /** The held and confirmed bookings of these slots, by slot start and booking number (one query). */
    private List<AffectedBooking> affected(List<VisitSlot> slots) {
        if (slots.isEmpty()) {
            return List.of();
        }
        Map<Long, Instant> starts = slots.stream().collect(Collectors.toMap(VisitSlot::id, VisitSlot::startsAt));
        return em.createNamedQuery("Booking.ofSlots", Booking.class).setParameter("slots", starts.keySet())
                .getResultStream()
                .filter(b -> b.status() == BookingStatus.HELD || b.status() == BookingStatus.CONFIRMED)
                .map(b -> new AffectedBooking(b.bookingNo(), b.status(), b.partySize(), starts.get(b.slotId())))
                .sorted(Comparator.comparing(AffectedBooking::slotStart).thenComparing(AffectedBooking::bookingNo))
                .toList();
    }

    static boolean mayManage(ScenicSite site, Caller caller) {
        return caller.has(Role.OFFICER) || caller.has(Role.SITE_MANAGER) && caller.organisationCode() != null
                && caller.organisationCode().equals(site.operatorOrg());
    }

    private static void requireManager(ScenicSite site, Caller caller) {
        if (!mayManage(site, caller)) {
            throw new BusinessException(BusinessException.Kind.FORBIDDEN, "not-your-site",
                    "Only the bureau's officers and the site's own managers may manage " + site.code() + ".");
        }
    }
}
