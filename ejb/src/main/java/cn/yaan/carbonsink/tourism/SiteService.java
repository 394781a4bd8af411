package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.ledger.AuditLedger;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Scenic sites and their timed-entry slots (creating sites, the week's calendar and closing days:
 * {@link SiteAdminService}). A slot's {@code booked} count only moves through {@link #take} and
 * {@link #giveBack}: conditional UPDATEs that the database applies under the row's lock, so parallel bookings on
 * one or several nodes can never push it past the capacity. Times are China Standard Time.
 */
@Stateless
public class SiteService {

    static final int MAX_DAYS = 92;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditLedger audit;


    public List<ScenicSite> sites() {
        return em.createNamedQuery("ScenicSite.all", ScenicSite.class).getResultList();
    }

    public ScenicSite site(String code) {
        return em.createNamedQuery("ScenicSite.byCode", ScenicSite.class).setParameter("code", code)
                .getResultStream().findFirst()
                .orElseThrow(() -> BusinessException.notFound("No scenic site " + code + "."));
    }

    /** The site a slot belongs to. */
    public ScenicSite siteOf(VisitSlot slot) {
        return em.find(ScenicSite.class, slot.siteId());
    }

    /** The site whose gates an organisation's operators work, if any. */
    public ScenicSite siteOfOperator(String organisationCode) {
        return organisationCode == null ? null : em.createNamedQuery("ScenicSite.byOperator", ScenicSite.class)
                .setParameter("org", organisationCode).getResultStream().findFirst().orElse(null);
    }

    /** Each factor's version in force today (the latest valid from today or before), by code. */
    public List<TravelFactor> factors() {
        Map<String, TravelFactor> current = new java.util.LinkedHashMap<>();
        em.createNamedQuery("TravelFactor.validOn", TravelFactor.class).setParameter("day", clock.today())
                .getResultStream().forEach(f -> current.putIfAbsent(f.code(), f));
        return List.copyOf(current.values());
    }

    public Map<String, BigDecimal> factorValues() {
        return factorValues(factors());
    }

    static Map<String, BigDecimal> factorValues(List<TravelFactor> factors) {
        return factors.stream().collect(Collectors.toMap(TravelFactor::code, TravelFactor::factor));
    }

    /** A footprint to preview: the party's size and the trip. */
    public record FootprintRequest(@NotNull @Min(1) @Max(10) Integer persons, @NotNull @Valid Footprint.TripEntry trip) {
    }

    /** A visit's footprint with its working, before anything is booked. */
    public Footprint.Result footprint(@NotNull @Valid FootprintRequest r) {
        Footprint.Trip trip = r.trip().toTrip();
        trip.check();
        return Footprint.of(trip, r.persons(), factorValues());
    }

    public record SiteChange(@NotBlank @Schema(maxLength = 100) String nameZh,
                             @NotBlank @Schema(maxLength = 100) String nameEn,
                             @NotBlank @Schema(maxLength = 100) String county,
                             @NotNull @Min(1) @Max(1_000_000) Integer dailyCapacity,
                             @NotNull @Min(0) @Max(90) Integer walkInPercent,
                             @NotNull LocalTime opensAt, @NotNull LocalTime closesAt) {
    }

    /** An officer edits a site's reference data; the capacity may not drop below the places of slots already offered. */
    public ScenicSite update(String code, @NotNull @Valid SiteChange c, String actor) {
        ScenicSite site = RowLocks.byId(em, ScenicSite.class, site(code).id());
        if (!c.opensAt().isBefore(c.closesAt())) {
            throw BusinessException.invalid("closesAt", "The site must close after it opens.");
        }
        site.nameZh = FreeText.required("nameZh", c.nameZh(), 100);
        site.nameEn = FreeText.required("nameEn", c.nameEn(), 100);
        site.county = FreeText.required("county", c.county(), 100);
        site.dailyCapacity = c.dailyCapacity();
        site.walkInPercent = c.walkInPercent();
        site.opensAt = c.opensAt();
        site.closesAt = c.closesAt();
        audit.append(actor, "SITE_UPDATED site=" + code + " daily=" + c.dailyCapacity() + " walkIn=" + c.walkInPercent());
        return site;
    }

    public record NewSlots(@NotNull LocalDate from, @NotNull LocalDate to,
                           @NotEmpty @Size(max = 24) List<@NotNull LocalTime> startTimes,
                           @NotNull @Min(15) @Max(720) Integer durationMinutes,
                           @NotNull @Min(1) @Max(100_000) Integer capacity) {
    }

    /**
     * Creates slots in bulk: every day of the range at every start time. Each window must lie within opening
     * hours; a day's slots together may offer at most the site's bookable daily capacity (daily capacity less the
     * walk-in share); a slot that already exists is refused (409) and nothing is created.
     */
    public List<VisitSlot> createSlots(String code, @NotNull @Valid NewSlots n, String actor) {
        ScenicSite site = RowLocks.byId(em, ScenicSite.class, site(code).id());
        if (n.to().isBefore(n.from())) {
            throw BusinessException.invalid("to", "The last day must not be before the first.");
        }
        if (ChronoUnit.DAYS.between(n.from(), n.to()) >= MAX_DAYS) {
            throw BusinessException.invalid("to", "At most " + MAX_DAYS + " days at a time.");
        }
        if (n.from().isBefore(clock.today())) {
            throw BusinessException.invalid("from", "Slots cannot be created for past days.");
        }
        Set<LocalTime> starts = new TreeSet<>(n.startTimes());
        if (starts.size() != n.startTimes().size()) {
            throw BusinessException.invalid("startTimes", "A start time is listed twice.");
        }
        for (LocalTime start : starts) {
            LocalTime end = start.plusMinutes(n.durationMinutes());
            if (start.isBefore(site.opensAt()) || end.isAfter(site.closesAt()) || end.isBefore(start)) {
                throw BusinessException.invalid("startTimes", "The slot " + start + "-" + end + " is outside the opening hours "
                        + site.opensAt() + "-" + site.closesAt() + " of " + site.nameZh() + ".");
            }
        }
        Map<LocalDate, Integer> offered = new HashMap<>();
        Set<java.time.Instant> existing = new java.util.HashSet<>();
        for (VisitSlot s : em.createNamedQuery("VisitSlot.ofDays", VisitSlot.class).setParameter("site", site.id())
                .setParameter("from", n.from()).setParameter("to", n.to()).getResultList()) {
            if (s.closed()) {
                throw BusinessException.unprocessable("day-closed", "The site is closed on " + s.date()
                        + (s.closedReason() == null ? "" : " (" + s.closedReason() + ")") + "; no slots can be added that day.");
            }
            offered.merge(s.date(), s.capacity(), Integer::sum);
            existing.add(s.startsAt());
        }
        List<VisitSlot> created = new ArrayList<>();
        for (LocalDate day = n.from(); !day.isAfter(n.to()); day = day.plusDays(1)) {
            int total = offered.getOrDefault(day, 0) + n.capacity() * starts.size();
            if (total > site.bookableDailyCapacity()) {
                throw BusinessException.unprocessable("daily-capacity-exceeded", "On " + day + " the slots would offer "
                        + total + " places; " + site.nameZh() + " may offer at most " + site.bookableDailyCapacity()
                        + " a day (daily capacity " + site.dailyCapacity() + " less " + site.walkInPercent()
                        + "% held back for walk-ins).");
            }
            for (LocalTime start : starts) {
                ZonedDateTime at = day.atTime(start).atZone(AppClock.ZONE);
                if (existing.contains(at.toInstant())) {
                    throw BusinessException.conflict("slot-exists", "There is already a slot at " + day + " " + start
                            + "; change its capacity instead.");
                }
                VisitSlot slot = new VisitSlot(site.id(), day, at.toInstant(),
                        at.plusMinutes(n.durationMinutes()).toInstant(), n.capacity());
                em.persist(slot);
                created.add(slot);
            }
        }
        em.flush();
        audit.append(actor, "SLOTS_CREATED site=" + code + " from=" + n.from() + " to=" + n.to() + " starts=" + starts
                + " capacity=" + n.capacity() + " count=" + created.size());
        return created;
    }

    public List<VisitSlot> slots(String code, LocalDate date) {
        return em.createNamedQuery("VisitSlot.ofDay", VisitSlot.class).setParameter("site", site(code).id())
                .setParameter("date", date).getResultList();
    }

    public VisitSlot slot(long id) {
        VisitSlot slot = em.find(VisitSlot.class, id);
        if (slot == null) {
            throw BusinessException.notFound("No slot " + id + ".");
        }
        return slot;
    }

    /** The slots with these ids, by id (one query). */
    public Map<Long, VisitSlot> slotsById(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : em.createQuery("select s from VisitSlot s where s.id in :ids", VisitSlot.class)
                .setParameter("ids", ids).getResultStream().collect(java.util.stream.Collectors.toMap(VisitSlot::id, s -> s));
    }

    /** The sites with these ids, by id (one query). */
    public Map<Long, ScenicSite> sitesById(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : em.createQuery("select s from ScenicSite s where s.id in :ids", ScenicSite.class)
                .setParameter("ids", ids).getResultStream().collect(java.util.stream.Collectors.toMap(ScenicSite::id, s -> s));
    }

    public record CapacityChange(@NotNull @Min(0) @Max(100_000) Integer capacity) {
    }

    /** A new capacity for a slot: never below the places already booked (409), nor beyond the day's bookable places. */
    public VisitSlot changeCapacity(long slotId, @NotNull @Valid CapacityChange change, String actor) {
        int capacity = change.capacity();
        audit.lockHead(); // the ledger's lock order: the audit chain's head before a slot (a booking takes them so)
        VisitSlot slot = RowLocks.byId(em, VisitSlot.class, slotId);
        if (slot == null) {
            throw BusinessException.notFound("No slot " + slotId + ".");
        }
        if (capacity < slot.booked) {
            throw BusinessException.conflict("capacity-below-booked", "The slot already has " + slot.booked
                    + " places booked; its capacity cannot be lower.");
        }
        ScenicSite site = em.find(ScenicSite.class, slot.siteId());
        int day = em.createNamedQuery("VisitSlot.ofDay", VisitSlot.class).setParameter("site", slot.siteId())
                .setParameter("date", slot.date()).getResultStream().mapToInt(VisitSlot::capacity).sum();
        if (day - slot.capacity + capacity > site.bookableDailyCapacity()) {
            throw BusinessException.unprocessable("daily-capacity-exceeded", "On " + slot.date() + " the slots would offer "
                    + (day - slot.capacity + capacity) + " places; at most " + site.bookableDailyCapacity() + " may be booked.");
        }
        audit.append(actor, "SLOT_CAPACITY slot=" + slotId + " " + slot.capacity + "->" + capacity);
        slot.capacity = capacity;
        return slot;
    }

    /** Takes places in a slot if they are free: true when taken. Runs as one conditional UPDATE. */
    public boolean take(long slotId, int places) {
        return em.createQuery("update VisitSlot s set s.booked = s.booked + :n where s.id = :id and s.closed = false "
                        + "and s.booked + :n <= s.capacity").setParameter("n", places).setParameter("id", slotId)
                .executeUpdate() == 1;
    }

    /** Gives places back to a slot. */
    public void giveBack(long slotId, int places) {
        em.createQuery("update VisitSlot s set s.booked = s.booked - :n where s.id = :id")
                .setParameter("n", places).setParameter("id", slotId).executeUpdate();
    }
}
