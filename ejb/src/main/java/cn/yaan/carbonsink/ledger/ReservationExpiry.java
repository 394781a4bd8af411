package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.JobLeader;
import cn.yaan.carbonsink.platform.Metrics;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Releases the holds of unpaid orders whose time ran out, every ten seconds, on the node that runs the jobs
 * ({@link JobLeader}, one per cluster): each order's payments
 * are closed at the providers where they were started (a payment that got through before is applied), then the
 * order is expired in its own transaction under a row lock, so nodes running this at the same moment never release
 * twice. It also closes the payments of cancelled orders at their providers (a payment that got through before the
 * close is owed back and sent back by {@link RefundDispatch}).
 */
@Singleton
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class.getName());

    @Inject
    JobLeader jobLeader;

    @Inject
    OrderService ledger;

    @Inject
    CheckoutService checkout;

    @Inject
    Metrics metrics;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void releaseExpired() {
        if (!jobLeader.leads()) {
            return;
        }
        int released = 0;
        for (Long id : ledger.expiredOrderIds(500)) {
            try {
                // Closed at the providers first: a payment that got through before the close pays the order.
                checkout.closeAtProviders(id);
                if (ledger.expire(id)) {
                    released++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not expire order " + id + "; the next run tries again", e);
            }
        }
        for (Long id : checkout.closeDue(100)) {
            try {
                // Cancelled: closed at the providers, and a payment that got through all the same is owed back.
                checkout.closeAtProviders(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not close the payments of cancelled order " + id + "; the next run tries again", e);
            }
        }
        if (released > 0) {
            int n = released;
            LOG.info(() -> "Released the holds of " + n + " expired orders");
        }
        metrics.count(Metrics.JOB_RUNS, "job", "reservation-expiry");
    }
}
