package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.ledger.IntegrityCheck;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;

/**
 * Visits agree with the ledger (invariants 2 and 7): a slot's booked places are exactly those of the bookings holding
 * them, a booking holds places only while its order is unpaid or paid, and a confirmed booking's order is retired
 * and its certificate issued.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class BookingIntegrity implements IntegrityCheck {

    private static final int PAGE = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    OrderService orders;

    @Override
    public List<Result> run() {
        Result places = IntegrityCheck.query(em, "slot-places",
                "a slot's booked places are those of its held and confirmed bookings",
                "SELECT s.id, s.booked, COALESCE(SUM(b.party_size), 0) FROM visit_slot s LEFT JOIN booking b "
                        + "ON b.slot_id = s.id AND b.status IN ('HELD', 'CONFIRMED') GROUP BY s.id, s.booked "
                        + "HAVING s.booked <> COALESCE(SUM(b.party_size), 0)",
                row -> "slot " + row[0] + ": " + row[1] + " places booked, bookings hold " + row[2]);
        return List.of(places, orders());
    }

    private Result orders() {
        Findings findings = new Findings("booking-orders",
                "a held booking's order is unpaid; a confirmed booking's order is retired and it has a certificate");
        long after = 0;
        while (true) {
            List<Object[]> page = em.createQuery("select b.id, b.bookingNo, b.status, b.orderId, b.certificateNo "
                            + "from Booking b where b.id > :after and b.status in :statuses order by b.id", Object[].class)
                    .setParameter("after", after).setParameter("statuses", List.of(BookingStatus.HELD, BookingStatus.CONFIRMED))
                    .setMaxResults(PAGE).getResultList();
            if (page.isEmpty()) {
                return findings.result();
            }
            Map<Long, OrderStatus> statuses = orders.statuses(page.stream().map(row -> (Long) row[3]).toList());
            for (Object[] row : page) {
                after = (Long) row[0];
                BookingStatus status = (BookingStatus) row[2];
                OrderStatus order = statuses.get((Long) row[3]);
                boolean ok = status == BookingStatus.HELD ? order == OrderStatus.PENDING_PAYMENT
                        : order == OrderStatus.RETIRED && row[4] != null;
                if (!ok) {
                    findings.add("booking " + row[1] + " (" + status + "): order " + row[3] + " is " + order
                            + (row[4] == null ? ", no certificate" : ""));
                }
            }
        }
    }
}
