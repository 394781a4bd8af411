package cn.yaan.carbonsink.platform;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets, every night at 04:10 China Standard Time on the node that runs the jobs ({@link JobLeader}), the idempotency keys older than their retention
 * ({@link IdempotencyStore#RETENTION}): a retry comes within minutes of a lost answer, and the table would otherwise
 * grow with every order, booking and purchase. One DELETE; nodes running it at once delete nothing twice.
 */
@Singleton
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    JobLeader jobLeader;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Metrics metrics;

    @Schedule(hour = "4", minute = "10", timezone = "Asia/Shanghai", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        if (!jobLeader.leads()) {
            return;
        }
        try {
            int forgotten = idempotency.purge();
            LOG.info(() -> "Forgot " + forgotten + " idempotency keys older than " + IdempotencyStore.RETENTION);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not forget old idempotency keys; tomorrow's run tries again", e);
        }
        metrics.count(Metrics.JOB_RUNS, "job", "housekeeping");
    }
}
