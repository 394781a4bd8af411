package cn.yaan.carbonsink.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's own invariants, checked on what the database holds (invariants 1, 5 and 7): every retirement's
 * serial ranges add up to its quantity and lie inside its issuance, no serial is in two places, every issuance's
 * figures match its ranges and holds, orders and retirements agree, the public totals equal the sum of retirements,
 * (the audit chain is verified by {@link SelfCheck} itself).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class LedgerIntegrity implements IntegrityCheck {

    @PersistenceContext
    EntityManager em;

    @Override
    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        results.add(IntegrityCheck.query(em, "retirement-quantity", "a retirement's serial ranges add up to its quantity",
                "SELECT r.id, r.quantity_kg, COALESCE(SUM(rr.last_serial - rr.first_serial + 1), 0) FROM retirement r "
                        + "LEFT JOIN retirement_range rr ON rr.retirement_id = r.id GROUP BY r.id, r.quantity_kg "
                        + "HAVING r.quantity_kg <> COALESCE(SUM(rr.last_serial - rr.first_serial + 1), 0)",
                row -> "retirement " + row[0] + ": " + row[1] + " kg, serial ranges of " + row[2] + " kg"));
        results.add(IntegrityCheck.query(em, "ranges-inside-issuance", "every serial range lies inside its issuance's block",
                "SELECT 'retired', rr.id, rr.issuance_id FROM retirement_range rr JOIN issuance i ON i.id = rr.issuance_id "
                        + "WHERE rr.first_serial < i.first_serial OR rr.last_serial > i.last_serial UNION ALL "
                        + "SELECT 'free', f.id, f.issuance_id FROM serial_range_free f JOIN issuance i ON i.id = f.issuance_id "
                        + "WHERE f.first_serial < i.first_serial OR f.last_serial > i.last_serial",
                row -> row[0] + " range " + row[1] + " outside issuance " + row[2]));
        results.add(IntegrityCheck.query(em, "serial-once", "no serial number is in two ranges (retired or free) of its issuance",
                "SELECT issuance_id, first_serial, previous_last FROM (SELECT issuance_id, first_serial, "
                        + "LAG(last_serial) OVER (PARTITION BY issuance_id ORDER BY first_serial, last_serial) AS previous_last "
                        + "FROM (SELECT issuance_id, first_serial, last_serial FROM retirement_range UNION ALL "
                        + "SELECT issuance_id, first_serial, last_serial FROM serial_range_free) s) t "
                        + "WHERE previous_last >= first_serial",
                row -> "issuance " + row[0] + ": serial " + row[1] + " is also in a range ending at " + row[2]));
        results.add(inventory());
        results.add(IntegrityCheck.query(em, "paid-orders", "a retired order has one retirement of its quantity; no other order has one",
                "SELECT o.id, o.status, r.id, r.quantity_kg, o.quantity_kg FROM unit_order o "
                        + "LEFT JOIN retirement r ON r.order_id = o.id WHERE (o.status = 'RETIRED' AND (r.id IS NULL "
                        + "OR r.quantity_kg <> o.quantity_kg)) OR (o.status <> 'RETIRED' AND r.id IS NOT NULL)",
                row -> "order " + row[0] + " (" + row[1] + ", " + row[4] + " kg): retirement " + row[2]
                        + (row[3] == null ? "" : " of " + row[3] + " kg")));
        results.add(IntegrityCheck.query(em, "holds", "only unpaid orders hold units, exactly their quantity",
                "SELECT o.id, o.status, o.quantity_kg, COALESCE(SUM(h.quantity_kg), 0) FROM unit_order o "
                        + "LEFT JOIN order_hold h ON h.order_id = o.id GROUP BY o.id, o.status, o.quantity_kg "
                        + "HAVING (o.status = 'PENDING_PAYMENT' AND COALESCE(SUM(h.quantity_kg), 0) <> o.quantity_kg) "
                        + "OR (o.status <> 'PENDING_PAYMENT' AND COALESCE(SUM(h.quantity_kg), 0) <> 0)",
                row -> "order " + row[0] + " (" + row[1] + ", " + row[2] + " kg) holds " + row[3] + " kg"));
        results.add(IntegrityCheck.query(em, "retired-total", "the public total of retirements equals the units retired from issuances",
                "SELECT t.retirements, t.issuances FROM (SELECT (SELECT COALESCE(SUM(quantity_kg), 0) FROM retirement) "
                        + "AS retirements, (SELECT COALESCE(SUM(retired_kg), 0) FROM issuance) AS issuances) t "
                        + "WHERE t.retirements <> t.issuances",
                row -> "retirements add up to " + row[0] + " kg, issuances have " + row[1] + " kg retired"));
        return results;
    }

    /** Per issuance: issued = available + reserved + retired, retired = its retired ranges, held = its holds. */
    private Result inventory() {
        Findings findings = new Findings("issuance-figures", "issued = available + reserved + retired; retired = "
                + "retired ranges; available + reserved = free ranges; reserved = held by unpaid orders");
        List<?> rows = em.createNativeQuery("SELECT i.id, i.quantity_kg, i.available_kg, i.reserved_kg, i.retired_kg, "
                + "(SELECT COALESCE(SUM(rr.last_serial - rr.first_serial + 1), 0) FROM retirement_range rr WHERE rr.issuance_id = i.id), "
                + "(SELECT COALESCE(SUM(f.last_serial - f.first_serial + 1), 0) FROM serial_range_free f WHERE f.issuance_id = i.id), "
                + "(SELECT COALESCE(SUM(h.quantity_kg), 0) FROM order_hold h JOIN unit_order o ON o.id = h.order_id "
                + "WHERE h.issuance_id = i.id AND o.status = 'PENDING_PAYMENT') FROM issuance i ORDER BY i.id").getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            long quantity = n(r[1]), available = n(r[2]), reserved = n(r[3]), retired = n(r[4]);
            long ranged = n(r[5]), free = n(r[6]), held = n(r[7]);
            if (available + reserved + retired != quantity || retired != ranged || available + reserved != free
                    || reserved != held) {
                findings.add("issuance " + r[0] + ": issued " + quantity + ", available " + available + ", reserved "
                        + reserved + ", retired " + retired + "; retired ranges " + ranged + ", free ranges " + free
                        + ", held " + held);
            }
        }
        return findings.result();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
