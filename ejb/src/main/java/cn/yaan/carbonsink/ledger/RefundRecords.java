package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The steps of a refund that change the database, each in a transaction of its own, so that the provider is called
 * between them without a transaction or a lock held: claiming the refund ({@code DUE} or {@code FAILED} ->
 * {@code REQUESTED}, under its row lock, so two officers or nodes never send it twice), then recording the provider's
 * answer. Every step appends to the audit chain.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RefundRecords {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditLedger audit;

    /** Claims the refund for sending: what to send, or 409 when it is not owed (sent already, or paid back). */
    public PaymentProvider.RefundCommand claim(long refundId, String actor, String notifyUrl) {
        Refund r = RowLocks.byId(em, Refund.class, refundId);
        if (r == null) {
            throw BusinessException.notFound("No refund " + refundId + ".");
        }
        if (r.status() != Refund.Status.DUE && r.status() != Refund.Status.FAILED) {
            throw BusinessException.conflict("refund-not-due", "Refund " + refundId + " is " + r.status()
                    + "; only an owed or a failed refund can be requested.");
        }
        r.requested(actor, clock.now());
        UnitOrder order = em.find(UnitOrder.class, r.orderId());
        audit.append(actor, "REFUND_REQUESTED refund=" + refundId + " order=" + r.orderId() + " amountFen="
                + r.amountFen() + " provider=" + r.provider());
        return new PaymentProvider.RefundCommand(TradeNumbers.refundNo(refundId), order.paymentId(), r.transactionId(),
                r.amountFen(), r.amountFen(), reasonText(r.reason()), notifyUrl);
    }

    private static String reasonText(Refund.Reason reason) {
        return switch (reason) {
            case DUPLICATE_PAYMENT -> "重复支付退款";
            case ORDER_CANCELLED -> "订单已取消退款";
            case LATE_PAYMENT -> "订单超时未能保留碳汇退款";
            case BOOKING_CANCELLED -> "预约取消退款";
        };
    }

    /** Records what the provider said to a request, or to a refund's notification; a settled refund stays as it is. */
    public Refund answer(long refundId, String providerRefundId, PaymentProvider.RefundState state, String detail) {
        Refund r = RowLocks.byId(em, Refund.class, refundId);
        if (r == null) {
            throw BusinessException.notFound("No refund " + refundId + ".");
        }
        if (state == PaymentProvider.RefundState.PROCESSING) {
            r.accepted(providerRefundId);
            return r;
        }
        boolean succeeded = state == PaymentProvider.RefundState.SUCCEEDED;
        if (r.settle(succeeded, providerRefundId, detail, clock.now())) {
            audit.append("system", (succeeded ? "REFUNDED" : "REFUND_FAILED") + " refund=" + refundId + " order="
                    + r.orderId() + " amountFen=" + r.amountFen() + " providerRefund=" + r.providerRefundId());
        }
        return r;
    }
}
