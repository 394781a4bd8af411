package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.platform.JobLeader;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Marks restoration orders OVERDUE once a day when their planting due date has passed with trees unplanted. The
 * day is the application clock's ({@link AppClock}, Asia/Shanghai): a timer looks every 10 seconds whether the date
 * changed since the last run, so the job runs at startup and just after midnight, and also when a test server's
 * clock is moved past a due date. It runs on the node that runs the jobs ({@link JobLeader}); each order is marked in its own transaction under its row
 * lock, and its status is checked again under the lock, so a second node finds nothing left to do.
 */
@Singleton
public class RestorationOverdue {

    private static final Logger LOG = Logger.getLogger(RestorationOverdue.class.getName());

    @Inject
    JobLeader jobLeader;

    @Inject
    RestorationService restorations;

    @Inject
    Metrics metrics;

    @Inject
    AppClock clock;

    private LocalDate lastRun;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        if (!jobLeader.leads()) {
            return;
        }
        LocalDate today = clock.today();
        if (!today.equals(lastRun)) {
            markOverdue();
            lastRun = today;
        }
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
        metrics.count(Metrics.JOB_RUNS, "job", "restoration-overdue");
        return marked;
    }
}
