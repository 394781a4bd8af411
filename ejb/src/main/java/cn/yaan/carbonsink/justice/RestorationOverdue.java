package cn.yaan.carbonsink.justice;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Marks restoration orders OVERDUE once a day (00:10 in Asia/Shanghai) when their planting due date has passed
 * with trees unplanted. It runs on every node: each order is marked in its own transaction under its row lock, and
 * its status is checked again under the lock, so a second node finds nothing left to do.
 */
@Singleton
public class RestorationOverdue {

    private static final Logger LOG = Logger.getLogger(RestorationOverdue.class.getName());

    @Inject
    RestorationService restorations;

    @Schedule(hour = "0", minute = "10", timezone = "Asia/Shanghai", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        markOverdue();
    }

    /** One run of the job; returns how many orders it marked. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int markOverdue() {
        int marked = 0;
        for (Long id : restorations.overdueCandidates(1000)) {
            try {
                if (restorations.markOverdue(id)) {
                    marked++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not mark restoration order " + id + " overdue; the next run tries again", e);
            }
        }
        if (marked > 0) {
            int n = marked;
            LOG.info(() -> "Marked " + n + " restoration orders overdue");
        }
        return marked;
    }
}
