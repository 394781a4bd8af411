package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the public registry shows (公开登记簿): retirements newest first, and what became of any serial number. */
@Stateless
public class RegistryService {

    @PersistenceContext
    EntityManager em;

    public record Page(long total, List<Receipt> items) {
    }

    public Page retirements(int page, int size) {
        List<Retirement> rows = em.createNamedQuery("Retirement.newestFirst", Retirement.class)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        long total = em.createNamedQuery("Retirement.count", Long.class).getSingleResult();
        return new Page(total, receipts(rows));
    }

    /**
     * What the registry may be narrowed to, each null for any: the project a retirement drew units from, its purpose
     * (the scheme it belongs to) and the China Standard Time days it was made on ({@code from} to {@code to}, both
     * included). Not by beneficiary: a name in an address would reach the access log.
     */
    public record Filter(String projectCode, OrderPurpose purpose, LocalDate from, LocalDate to) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /**
     * Up to {@code size} retirements matching {@code filter}, newest first, that come after the one retired at
     * {@code afterAt} with id {@code afterId} in that order (from the newest when {@code afterAt} is null): a walk by
     * this key sees every retirement that existed when it began exactly once, whatever is added meanwhile (newer ones
     * sort before where it started).
     */
    public List<Receipt> retirements(Filter filter, Instant afterAt, Long afterId, int size) {
        TypedQuery<Retirement> query = em.createQuery("select r from Retirement r" + where(filter)
                + (afterAt == null ? "" : " and (r.retiredAt < :at or (r.retiredAt = :at and r.id < :id))")
                + " order by r.retiredAt desc, r.id desc", Retirement.class);
        bind(query, filter);
        if (afterAt != null) {
            query.setParameter("at", afterAt).setParameter("id", afterId);
        }
        return receipts(query.setMaxResults(size).getResultList());
    }

    /** Up to {@code size} retirements matching {@code filter}, newest first, from the {@code offset}th (deprecated). */
    public List<Receipt> retirements(Filter filter, int offset, int size) {
        TypedQuery<Retirement> query = em.createQuery("select r from Retirement r" + where(filter)
                + " order by r.retiredAt desc, r.id desc", Retirement.class);
        bind(query, filter);
        return receipts(query.setFirstResult(offset).setMaxResults(size).getResultList());
    }

    /** How many retirements match {@code filter}. */
    public long count(Filter filter) {
        TypedQuery<Long> query = em.createQuery("select count(r) from Retirement r" + where(filter), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    private static String where(Filter f) {
        return " where not exists (select rr.id from RetiredRange rr where rr.retirementId = r.id and "
                + "rr.issuance.project.visibility = cn.yaan.carbonsink.ledger.ProjectVisibility.TEST)"
                + (f.projectCode() == null ? "" : " and exists (select rr.id from RetiredRange rr where "
                + "rr.retirementId = r.id and rr.issuance.project.code = :project)")
                + (f.purpose() == null ? "" : " and r.purpose = :purpose")
                + (f.from() == null ? "" : " and r.retiredAt >= :from")
                + (f.to() == null ? "" : " and r.retiredAt < :to");
    }

    private static void bind(TypedQuery<?> query, Filter f) {
        if (f.projectCode() != null) {
            query.setParameter("project", f.projectCode());
        }
        if (f.purpose() != null) {
            query.setParameter("purpose", f.purpose());
        }
        if (f.from() != null) {
            query.setParameter("from", f.from().atStartOfDay(AppClock.ZONE).toInstant());
        }
        if (f.to() != null) {
            query.setParameter("to", f.to().plusDays(1).atStartOfDay(AppClock.ZONE).toInstant());
        }
    }

    public Optional<Receipt> retirement(long id) {
        Retirement r = em.find(Retirement.class, id);
        return r == null ? Optional.empty() : Optional.of(receipts(List.of(r)).get(0));
    }

    private List<Receipt> receipts(List<Retirement> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<RetiredRange>> ranges = em.createNamedQuery("RetiredRange.ofRetirements", RetiredRange.class)
                .setParameter("ids", rows.stream().map(Retirement::id).toList()).getResultStream()
                .collect(Collectors.groupingBy(RetiredRange::retirementId));
        return rows.stream().map(r -> Receipt.of(r, ranges.getOrDefault(r.id(), List.of()))).toList();
    }

    /** How many of the block's serial numbers are retired (each counted once). */
    public long retiredWithin(SerialNumbers.Block block) {
        return ((Number) em.createNativeQuery("SELECT COALESCE(SUM(LEAST(rr.last_serial, ?1) - GREATEST(rr.first_serial, ?2) + 1), 0) "
                        + "FROM retirement_range rr JOIN issuance i ON i.id = rr.issuance_id JOIN sink_project p ON p.id = i.project_id "
                        + "WHERE p.code = ?3 AND i.vintage = ?4 AND rr.first_serial <= ?1 AND rr.last_serial >= ?2")
                .setParameter(1, block.last()).setParameter(2, block.first()).setParameter(3, block.project())
                .setParameter(4, block.vintage()).getSingleResult()).longValue();
    }

    /** The issuance a serial number belongs to and, if retired, the retirement holding it. */
    public record SerialInfo(String serial, Issuance issuance, Receipt retirement) {
    }

    public Optional<SerialInfo> serial(String text) {
        SerialNumbers.Serial s = SerialNumbers.parse(text);
        List<Issuance> issuances = em.createQuery("select i from Issuance i where i.project.code = :code "
                        + "and i.vintage = :vintage and i.firstSerial <= :n and i.lastSerial >= :n", Issuance.class)
                .setParameter("code", s.project()).setParameter("vintage", s.vintage()).setParameter("n", s.number())
                .getResultList();
        if (issuances.isEmpty()) {
            return Optional.empty();
        }
        Issuance issuance = issuances.get(0);
        Receipt retirement = em.createNamedQuery("RetiredRange.lastStartingAtOrBefore", RetiredRange.class)
                .setParameter("issuance", issuance).setParameter("n", s.number()).setMaxResults(1).getResultStream()
                .filter(r -> r.lastSerial >= s.number()).findFirst()
                .flatMap(r -> retirement(r.retirementId())).orElse(null);
        return Optional.of(new SerialInfo(SerialNumbers.serial(s.project(), s.vintage(), s.number()), issuance, retirement));
    }
}
