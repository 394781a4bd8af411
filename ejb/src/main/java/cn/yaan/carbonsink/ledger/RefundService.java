package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Money owed back ({@link Refund}) goes back through the provider that took it: requested by the system (the refunds
 * of real providers, by {@link RefundDispatch}) or by an officer (any owed or failed refund), settled by the
 * provider's answer or its later notification. Units already retired stay retired (docs/DOMAIN.md, section 7).
 */
@Stateless
public class RefundService {

    private static final Logger LOG = Logger.getLogger(RefundService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    RefundRecords records;

    @Inject
    PaymentProviders providers;

    /** Refunds in these states (all when empty), newest first, at most {@code max}. */
    public List<Refund> list(Set<Refund.Status> statuses, int max) {
        Set<Refund.Status> wanted = statuses.isEmpty() ? EnumSet.allOf(Refund.Status.class) : statuses;
        return em.createNamedQuery("Refund.byStatus", Refund.class).setParameter("statuses", wanted)
                .setMaxResults(max).getResultList();
    }

    /** The owed refunds the system sends by itself: those of the configured real providers, oldest first. */
    public List<Long> dueAtProviders(int max) {
        List<String> names = providers.refundingByThemselves();
        return names.isEmpty() ? List.of() : em.createNamedQuery("Refund.dueAtProviders", Long.class)
                .setParameter("providers", names).setMaxResults(max).getResultList();
    }

    /**
     * Sends an owed (or failed) refund to the provider that took the money: claimed in a transaction of its own, sent
     * without one, the answer recorded in a third. A provider that cannot be reached leaves the refund FAILED with
     * the reason, to be requested again.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Refund issue(long refundId, String actor) {
        Refund owed = em.find(Refund.class, refundId);
        if (owed == null) {
            throw BusinessException.notFound("No refund " + refundId + ".");
        }
        PaymentProvider provider = providers.enabled(owed.provider()).orElseThrow(() -> BusinessException.conflict(
                "provider-not-configured", "The refund goes back through " + owed.provider()
                        + ", which is not configured on this server; configure it or pay the money back another way."));
        PaymentProvider.RefundCommand command = records.claim(refundId, actor, Settings.publicUrl()
                + "/api/v1/payments/callbacks/" + provider.name());
        PaymentProvider.RefundAnswer answer;
        try {
            answer = provider.refund(command);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Refund " + refundId + " could not be sent to " + provider.name(), e);
            answer = new PaymentProvider.RefundAnswer(null, PaymentProvider.RefundState.FAILED,
                    provider.name() + " could not be reached: " + e.getClass().getSimpleName());
        }
        return records.answer(refundId, answer.providerRefundId(), answer.state(), answer.detail());
    }

    /** A provider's notification of a refund's result. */
    public Refund applyResult(String provider, PaymentProvider.Callback.RefundResult result) {
        long id = TradeNumbers.refundId(result.refundNo());
        Refund r = id < 0 ? null : em.find(Refund.class, id);
        if (r == null || !provider.equals(r.provider())) {
            throw BusinessException.notFound("No refund " + result.refundNo() + " of " + provider + ".");
        }
        return records.answer(id, result.providerRefundId(), result.state(), result.detail());
    }
}
