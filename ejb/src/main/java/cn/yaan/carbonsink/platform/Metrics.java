package cn.yaan.carbonsink.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's counters, per node, in Prometheus' text format ({@code GET /api/v1/metrics}): what the platform
 * did, counted when it is done, so a change that rolls back is never counted. Each counter has one tag that says
 * which kind of event it was; names and tags are listed in docs/OPERATIONS.md (Monitoring).
 *
 * <p>The registry is Micrometer's, from the server's own {@code io.micrometer} module. WildFly's micrometer
 * subsystem serves Prometheus only at the "community" stability level; an application registry on an endpoint of
 * its own needs no change of the server's stability level.
 */
@ApplicationScoped
public class Metrics {

    /** Orders: created, paid, expired, cancelled. */
    public static final String ORDERS = "carbonsink.orders";
    /** Retirements of units, by what they were for (direct, order, booking...). */
    public static final String RETIREMENTS = "carbonsink.retirements";
    /** Certificate verifications, by verdict. */
    public static final String VERIFICATIONS = "carbonsink.verifications";
    /** Gate check-ins, by verdict. */
    public static final String CHECK_INS = "carbonsink.checkins";
    /** Payments the platform was told about or took, by outcome. */
    public static final String PAYMENTS = "carbonsink.payments";
    /** Runs of the scheduled jobs, by job. */
    public static final String JOB_RUNS = "carbonsink.job.runs";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * The counters already registered, by name and tag value (each name has one tag): a look-up without allocation
     * instead of a registration per event.
     */
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Counts one event of {@code counter} with {@code tag} = {@code value} (lower-cased), when the caller's
     * transaction commits, or at once without a transaction.
     */
    public void count(String counter, String tag, Object value) {
        String tagValue = String.valueOf(value);
        Map<String, Counter> byValue = counters.get(counter);
        Counter known = byValue == null ? null : byValue.get(tagValue);
        Counter c = known != null ? known : counters.computeIfAbsent(counter, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(tagValue, k -> Counter.builder(counter).tag(tag, tagValue.toLowerCase(Locale.ROOT))
                        .register(registry));
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            c.increment();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // counted after the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    c.increment();
                }
            }
        });
    }

    /** Every counter in Prometheus' text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
