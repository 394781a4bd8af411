package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.JobLeader;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The system sends back, every 30 seconds on the node that runs the jobs ({@link JobLeader}), the money owed on payments of real providers (a second
 * payment, a payment of a cancelled order, a late payment that found the units gone): each refund is claimed under
 * its row lock, so two nodes never send one twice.
 */
@Singleton
public class RefundDispatch {

    private static final Logger LOG = Logger.getLogger(RefundDispatch.class.getName());

    @Inject
    JobLeader jobLeader;

    @Inject
    RefundService refunds;

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sendOwed() {
        if (!jobLeader.leads()) {
            return;
        }
        for (Long id : refunds.dueAtProviders(100)) {
            try {
                refunds.issue(id, "system");
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Refund " + id + " was not sent (taken by another node, or refused)", e);
            }
        }
    }
}
