package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.JobLeader;
import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every day at 10:30 China Standard Time (providers publish the previous day's bill by 10:00), each configured
 * provider's bill of the previous day is matched ({@link ReconciliationService#run}). Several nodes may run it: a run
 * replaces the day's differences, so the last one stands.
 */
@Singleton
public class DailyReconciliation {

    private static final Logger LOG = Logger.getLogger(DailyReconciliation.class.getName());

    @Inject
    JobLeader jobLeader;

    @Inject
    ReconciliationService reconciliation;

    @Inject
    AppClock clock;

    @Schedule(hour = "10", minute = "30", timezone = "Asia/Shanghai", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void yesterday() {
        if (!jobLeader.leads()) {
            return;
        }
        for (String provider : reconciliation.billedProviders()) {
            try {
                var result = reconciliation.run(new ReconciliationService.Run(provider, clock.today().minusDays(1)),
                        "system");
                if (!result.differences().isEmpty()) {
                    LOG.warning(() -> "The " + provider + " bill of " + result.day() + " differs from the platform in "
                            + result.differences().size() + " lines: see GET /api/v1/reconciliation");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The " + provider + " bill could not be matched; the next day's run, or an "
                        + "officer, tries again", e);
            }
        }
    }
}
