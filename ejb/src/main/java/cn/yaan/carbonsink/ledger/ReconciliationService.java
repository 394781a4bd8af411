package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation: a provider's bill of a day (China Standard Time) is matched line by line with the payments the
 * platform applied from that provider that day (by the provider's transaction number) and the refunds it settled
 * (by the refund number). What differs is kept ({@link ReconciliationDifference}) for officers; running a day again
 * replaces its differences, so a difference disappears only when the bill and the platform agree.
 */
@Stateless
public class ReconciliationService {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    PaymentProviders providers;

    @Inject
    AuditLedger audit;

    @Schema(name = "NewReconciliationRun")
    public record Run(@NotNull @Pattern(regexp = "[a-z0-9-]{1,32}") String provider, @NotNull LocalDate day) {
    }

    public record Result(String provider, LocalDate day, int lines, List<ReconciliationDifference> differences) {
    }

    /** The providers whose bills are matched every day. */
    public List<String> billedProviders() {
        return providers.offered().stream().filter(PaymentProvider::billed).map(PaymentProvider::name).toList();
    }

    /** Downloads the provider's bill of the day and matches it; the day must be over. */
    public Result run(@NotNull @Valid Run r, String actor) {
        PaymentProvider provider = providers.enabled(r.provider()).filter(PaymentProvider::billed)
                .orElseThrow(() -> BusinessException.invalid("provider", "No configured provider " + r.provider()
                        + " has bills; choose one of " + billedProviders() + "."));
        if (!r.day().isBefore(clock.today().plusDays(1))) {
            throw BusinessException.invalid("day", "A bill exists only for a day that has begun; choose today or "
                    + "an earlier day.");
        }
        List<PaymentProvider.BillLine> bill = provider.bill(r.day());
        Instant from = r.day().atStartOfDay(AppClock.ZONE).toInstant();
        Instant to = r.day().plusDays(1).atStartOfDay(AppClock.ZONE).toInstant();
        Map<String, Long> payments = new HashMap<>();
        for (Object[] row : em.createQuery("select n.notificationId, n.amountFen from PaymentNotification n where "
                + "n.provider = :p and n.receivedAt >= :from and n.receivedAt < :to and n.outcome <> "
                + "cn.yaan.carbonsink.ledger.PaymentService.Outcome.FAILED", Object[].class)
                .setParameter("p", provider.name()).setParameter("from", from).setParameter("to", to).getResultList()) {
            payments.put((String) row[0], (Long) row[1]);
        }
        Map<String, Refund> refunds = new HashMap<>();
        em.createQuery("select r from Refund r where r.provider = :p and r.status = "
                        + "cn.yaan.carbonsink.ledger.Refund.Status.SUCCEEDED and r.settledAt >= :from and r.settledAt < :to",
                Refund.class).setParameter("p", provider.name()).setParameter("from", from).setParameter("to", to)
                .getResultList().forEach(f -> refunds.put(TradeNumbers.refundNo(f.id()), f));

        Instant now = clock.now();
        List<ReconciliationDifference> found = new ArrayList<>();
        for (PaymentProvider.BillLine line : bill) {
            if (line.refund()) {
                Refund mine = refunds.remove(line.refundNo());
                if (mine == null) {
                    found.add(diff(provider, r.day(), ReconciliationDifference.Kind.NOT_ON_PLATFORM, line.transactionId(),
                            line.refundNo(), null, line.amountFen(), now));
                } else if (mine.amountFen() != line.amountFen()) {
                    found.add(diff(provider, r.day(), ReconciliationDifference.Kind.AMOUNT_MISMATCH, line.transactionId(),
                            line.refundNo(), mine.amountFen(), line.amountFen(), now));
                }
                continue;
            }
            Long mine = payments.remove(line.transactionId());
            if (mine == null) {
                found.add(diff(provider, r.day(), ReconciliationDifference.Kind.NOT_ON_PLATFORM, line.transactionId(),
                        null, null, line.amountFen(), now));
            } else if (mine != line.amountFen()) {
                found.add(diff(provider, r.day(), ReconciliationDifference.Kind.AMOUNT_MISMATCH, line.transactionId(),
                        null, mine, line.amountFen(), now));
            }
        }
        payments.forEach((tx, fen) -> found.add(diff(provider, r.day(), ReconciliationDifference.Kind.MISSING_IN_BILL,
                tx, null, fen, null, now)));
        refunds.forEach((no, f) -> found.add(diff(provider, r.day(), ReconciliationDifference.Kind.MISSING_IN_BILL,
                f.transactionId(), no, f.amountFen(), null, now)));

        em.createQuery("delete from ReconciliationDifference d where d.provider = :p and d.billDay = :day")
                .setParameter("p", provider.name()).setParameter("day", r.day()).executeUpdate();
        found.forEach(em::persist);
        em.createNamedQuery("ReconciliationRun.of", ReconciliationRun.class).setParameter("provider", provider.name())
                .setParameter("day", r.day()).getResultStream().findFirst().ifPresentOrElse(
                        run -> run.ran(bill.size(), found.size(), now),
                        () -> em.persist(new ReconciliationRun(provider.name(), r.day(), bill.size(), found.size(), now)));
        audit.append(actor, "RECONCILED provider=" + provider.name() + " day=" + r.day() + " lines=" + bill.size()
                + " differences=" + found.size());
        return new Result(provider.name(), r.day(), bill.size(), found);
    }

    private static ReconciliationDifference diff(PaymentProvider p, LocalDate day, ReconciliationDifference.Kind kind,
                                                 String tx, String refundNo, Long platform, Long bill, Instant now) {
        return new ReconciliationDifference(p.name(), day, kind, tx == null ? "" : tx, refundNo, platform, bill, now);
    }

    /** The differences kept for days from {@code since} on, newest day first. */
    public List<ReconciliationDifference> differences(LocalDate since) {
        return em.createNamedQuery("ReconciliationDifference.since", ReconciliationDifference.class)
                .setParameter("since", since).setMaxResults(1000).getResultList();
    }
}
