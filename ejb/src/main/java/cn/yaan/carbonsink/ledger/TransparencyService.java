package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the public transparency dashboard (信息公开): what was retired per scheme, per month (months in
 * China Standard Time) and per project, and the inventory of every project.
 */
@Stateless
public class TransparencyService {

    static final int MONTHS = 12;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    /** A retirement the public sees: none of its units came from a test project ({@link ProjectVisibility}). */
    static final String PUBLIC_RETIREMENT = "not exists (select rr.id from RetiredRange rr where rr.retirementId = r.id "
            + "and rr.issuance.project.visibility = cn.yaan.carbonsink.ledger.ProjectVisibility.TEST)";

    public record ProjectFigures(String code, String nameZh, String nameEn, String county, String standard,
                                 long issuedKg, long availableKg, long reservedKg, long retiredKg,
                                 ProjectVisibility visibility) {
        public boolean demo() {
            return visibility == ProjectVisibility.DEMO;
        }
    }

    public record Month(YearMonth month, Map<OrderPurpose, Long> kgByPurpose, long totalKg) {
    }

    public record Figures(long retiredKg, long retirements, Map<OrderPurpose, Long> retiredKgByPurpose,
                          List<Month> months, List<ProjectFigures> projects) {
        public long issuedKg() {
            return projects.stream().mapToLong(ProjectFigures::issuedKg).sum();
        }

        public long availableKg() {
            return projects.stream().mapToLong(ProjectFigures::availableKg).sum();
        }
    }

    public Figures figures() {
        Map<OrderPurpose, Long> byPurpose = zeroes();
        long count = 0;
        for (Object[] row : em.createQuery("select r.purpose, sum(r.quantityKg), count(r) from Retirement r where "
                        + PUBLIC_RETIREMENT + " group by r.purpose", Object[].class).getResultList()) {
            byPurpose.put((OrderPurpose) row[0], ((Number) row[1]).longValue());
            count += ((Number) row[2]).longValue();
        }
        return new Figures(byPurpose.values().stream().mapToLong(Long::longValue).sum(), count, byPurpose, months(),
                publicProjects());
    }

    /** The last twelve months, oldest first, each with the kilograms retired per scheme. */
    private List<Month> months() {
        YearMonth current = YearMonth.from(clock.today());
        YearMonth first = current.minusMonths(MONTHS - 1);
        Map<YearMonth, Map<OrderPurpose, Long>> kg = new LinkedHashMap<>();
        for (int i = 0; i < MONTHS; i++) {
            kg.put(first.plusMonths(i), zeroes());
        }
        // One row per retirement of the window: a year of a pilot is some ten thousand rows, summed here because
        // "month in China Standard Time" is not portable SQL between H2 and PostgreSQL.
        em.createQuery("select r.retiredAt, r.purpose, r.quantityKg from Retirement r where r.retiredAt >= :since "
                        + "and " + PUBLIC_RETIREMENT, Object[].class)
                .setParameter("since", first.atDay(1).atStartOfDay(AppClock.ZONE).toInstant())
                .getResultStream().forEach(row -> {
                    YearMonth month = YearMonth.from(LocalDate.ofInstant((java.time.Instant) row[0], AppClock.ZONE));
                    Map<OrderPurpose, Long> m = kg.get(month);
                    if (m != null) {
                        m.merge((OrderPurpose) row[1], (Long) row[2], Long::sum);
                    }
                });
        List<Month> months = new ArrayList<>();
        kg.forEach((month, m) -> months.add(new Month(month, m, m.values().stream().mapToLong(Long::longValue).sum())));
        return months;
    }

    /** The projects the public sees (all but test projects), with their inventory: the registry, the buy page. */
    public List<ProjectFigures> publicProjects() {
        return projects().stream().filter(p -> p.visibility() != ProjectVisibility.TEST).toList();
    }

    /** Every project with its inventory and visibility (one query), for officers. */
    public List<ProjectFigures> projects() {
        return em.createQuery("select new cn.yaan.carbonsink.ledger.TransparencyService$ProjectFigures(p.code, p.nameZh, "
                        + "p.nameEn, p.county, p.standard, coalesce(sum(i.quantityKg), 0), coalesce(sum(i.availableKg), 0), "
                        + "coalesce(sum(i.reservedKg), 0), coalesce(sum(i.retiredKg), 0), p.visibility) "
                        + "from SinkProject p left join Issuance i on i.project = p "
                        + "group by p.id, p.code, p.nameZh, p.nameEn, p.county, p.standard, p.visibility order by p.code",
                ProjectFigures.class).getResultList();
    }

    private static Map<OrderPurpose, Long> zeroes() {
        Map<OrderPurpose, Long> m = new EnumMap<>(OrderPurpose.class);
        for (OrderPurpose p : OrderPurpose.values()) {
            m.put(p, 0L);
        }
        return m;
    }
}
