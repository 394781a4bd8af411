package cn.yaan.carbonsink.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.yaan.carbonsink.platform.JobLeader;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The ledger proves its invariants about itself: every context's {@link IntegrityCheck} run together, on demand
 * ({@code GET /api/v1/ledger/verification}, the audit chain from its newest signed checkpoint unless {@code full})
 * and once a day at 03:00 China Standard Time with the whole chain, whose result is logged
 * (which check failed and where, never personal data) and shown in the readiness details.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SelfCheck {

    private static final Logger LOG = Logger.getLogger(SelfCheck.class.getName());

    @Inject
    JobLeader jobLeader;

    @Inject
    @Any
    Instance<IntegrityCheck> checks;

    @Inject
    AppClock clock;

    @Inject
    Metrics metrics;

    @Inject
    AuditLedger audit;

    private volatile Report last;

    /**
     * The outcome of one run: the audit chain's verification ({@code entries} verified after entry
     * {@code verifiedFromSeq}, 0 for a full one or the signed checkpoint it started at; {@code firstBadSeq} the first
     * entry that does not match) and every other check.
     */
    @Schema(requiredProperties = {"ok", "entries", "verifiedFromSeq"})
    public record Report(boolean ok, Instant checkedAt, long entries, long verifiedFromSeq, Long firstBadSeq,
                         List<IntegrityCheck.Result> checks) {
        List<IntegrityCheck.Result> failed() {
            return checks.stream().filter(c -> !c.ok()).toList();
        }
    }

    /**
     * Runs every check; the audit chain from the first entry ({@code full}) or from its newest signed checkpoint
     * ({@link AuditLedger#verify}).
     */
    public Report run(boolean full) {
        AuditLedger.Verification chain = audit.verify(full);
        IntegrityCheck.Findings chainFindings = new IntegrityCheck.Findings("audit-chain",
                "every audit entry's hash covers the one before it");
        if (!chain.ok()) {
            chainFindings.add("entry " + chain.firstBadSeq() + " does not match the chain");
        }
        List<IntegrityCheck.Result> results = new ArrayList<>(List.of(chainFindings.result()));
        for (IntegrityCheck check : checks) {
            results.addAll(check.run());
        }
        Report report = new Report(results.stream().allMatch(IntegrityCheck.Result::ok), clock.now(), chain.entries(),
                chain.fromSeq(), chain.firstBadSeq(), List.copyOf(results));
        last = report;
        return report;
    }

    /** The last run's report on this node, or null before the first. */
    public Report last() {
        return last;
    }

    @Schedule(hour = "3", minute = "0", timezone = "Asia/Shanghai", persistent = false)
    void daily() {
        if (!jobLeader.leads()) {
            return;
        }
        Report report = run(true);
        metrics.count(Metrics.JOB_RUNS, "job", "ledger-self-check");
        if (report.ok()) {
            LOG.info(() -> "Ledger self-check: all " + report.checks().size() + " checks passed");
        } else {
            report.failed().forEach(c -> LOG.severe(() -> "Ledger self-check FAILED: " + c.name() + " (" + c.rule()
                    + "): " + c.problems() + " problems, e.g. " + c.examples()));
        }
    }
}
