package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Payments of orders. Every payment is settled under its order's row lock, read fresh under that lock
 * ({@link LedgerLocks}), so an order is paid or cancelled, never both, and a payment is applied once however many
 * times (and however simultaneously) it is reported. Money that buys no units is never absorbed: it becomes a
 * {@link Refund} owed back.
 */
@Stateless
public class PaymentService {

    /** What a payment did to its order. */
    public enum Outcome {
        /** It paid the order: its units are retired. */
        PAID,
        /** It bought nothing (see {@link Refund.Reason}) and is owed back. */
        REFUND_DUE,
        /** The provider reported a failed payment: nothing changed. */
        FAILED
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    Metrics metrics;

    @Inject
    AuditLedger audit;

    @Inject
    LedgerLocks locks;

    @Inject
    Inventory inventory;

    @Inject
    OrderService orders;

    @Inject
    RetirementService retirements;

    @Inject
    Event<OrderRenewal> renewals;

    /**
     * Applies a provider's notification once: a replay, even at the same moment, finds it recorded under the order's
     * lock and changes nothing. A payment of an order it cannot buy any more is owed back; a wrong amount for an
     * order it would buy is refused (422) and changes nothing.
     */
    public UnitOrder applyNotification(String provider, PaymentProvider.Notification n) {
        UnitOrder order = locks.orderByPayment(n.paymentId());
        if (order == null) {
            throw BusinessException.notFound("No payment " + n.paymentId() + ".");
        }
        boolean seen = em.createNamedQuery("PaymentNotification.find", PaymentNotification.class)
                .setParameter("provider", provider).setParameter("id", n.notificationId())
                .getResultStream().findAny().isPresent();
        if (seen) {
            return order;
        }
        Outcome outcome = n.succeeded()
                ? settle(order, n.amountFen(), provider + ":" + n.notificationId(), "payment:" + provider)
                : Outcome.FAILED;
        em.persist(new PaymentNotification(provider, n.notificationId(), n.paymentId(), n.amountFen(), clock.now(), outcome));
        em.flush();
        metrics.count(Metrics.PAYMENTS, "outcome", outcome);
        return order;
    }

    /**
     * The demo checkout: the owner pays an order through the simulated provider. 404 when the provider is off (as in
     * production) or the order is someone else's; 409 when the order was cancelled (the checkout takes no money for
     * it). Paying twice (a double click) answers as the first payment did.
     */
    public UnitOrder paySimulated(String paymentId, String owner) {
        if (!SimulatedPaymentProvider.on()) {
            throw BusinessException.notFound("There is no simulated payment provider on this server.");
        }
        UnitOrder order = locks.orderByPayment(paymentId);
        if (order == null || !order.owner().equals(owner)) {
            throw BusinessException.notFound("No payment " + paymentId + ".");
        }
        String ref = SimulatedPaymentProvider.NAME + ":" + paymentId;
        if (ref.equals(order.paymentRef())) {
            return order;
        }
        if (order.status() == OrderStatus.CANCELLED) {
            throw BusinessException.conflict("order-cancelled", "The order was cancelled; it can no longer be paid.");
        }
        metrics.count(Metrics.PAYMENTS, "outcome", settle(order, order.amountFen(), ref,
                "payment:" + SimulatedPaymentProvider.NAME));
        return order;
    }

    /**
     * The whole payment of a paid order goes back while its units stay retired: a visit cancelled early enough
     * ({@code tourism.BookingService.cancel}). Called with the order locked; owed once per payment, however often it
     * is called. Sent back as every refund is ({@link RefundDispatch}, or an officer for the simulated provider).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void refundRetired(UnitOrder order, Refund.Reason reason, String actor) {
        if (order.status() != OrderStatus.RETIRED || order.paymentRef() == null) {
            throw new IllegalStateException("Order " + order.id() + " is " + order.status() + "; only a paid order's "
                    + "payment can be given back while its units stay retired");
        }
        owe(order, order.amountFen(), order.paymentRef(), reason, actor);
    }

    /** The order, read without a lock; null when there is none. */
    public UnitOrder order(long id) {
        return em.find(UnitOrder.class, id);
    }

    /** The payments started for the order at providers. */
    public List<PaymentAttempt> attemptsOf(long orderId) {
        return em.createNamedQuery("PaymentAttempt.ofOrder", PaymentAttempt.class).setParameter("order", orderId)
                .getResultList();
    }

    /** The order's payment at the provider was closed (or found paid) before the order expired. */
    public void attemptClosed(long orderId, String provider) {
        attemptsOf(orderId).stream().filter(a -> a.provider().equals(provider)).forEach(a -> a.closed(clock.now()));
    }

    /** The refunds owed on these orders, oldest first. */
    public List<Refund> refundsOf(List<Long> orderIds) {
        return orderIds.isEmpty() ? List.of()
                : em.createNamedQuery("Refund.ofOrders", Refund.class).setParameter("orders", orderIds).getResultList();
    }

    /**
     * A successful payment of {@code amountFen} for a locked order: retires its units, or owes the money back when
     * the order was settled already, was cancelled, or expired and cannot be held again.
     */
    private Outcome settle(UnitOrder order, long amountFen, String paymentRef, String actor) {
        Instant now = clock.now();
        if (order.status() == OrderStatus.CANCELLED) {
            return owe(order, amountFen, paymentRef, Refund.Reason.ORDER_CANCELLED, actor);
        }
        if (order.settled()) {
            return owe(order, amountFen, paymentRef, Refund.Reason.DUPLICATE_PAYMENT, actor);
        }
        if (amountFen != order.amountFen()) {
            throw BusinessException.unprocessable("amount-mismatch", "The payment of " + amountFen
                    + " fen does not match the order's amount of " + order.amountFen() + " fen.");
        }
        if (!order.pendingAt(now) && !renew(order)) {
            order.refundDue(now, paymentRef);
            return owe(order, amountFen, paymentRef, Refund.Reason.LATE_PAYMENT, actor);
        }
        // The ledger's lock order: the order's issuances, then the audit chain's head.
        locks.issuances(inventory.holdsOf(order).stream().map(hold -> hold.issuanceId).toList());
        order.pay(now, paymentRef);
        audit.append(actor, "PAID order=" + order.id() + " amountFen=" + amountFen + " ref=" + paymentRef);
        retirements.retireOrder(order, actor);
        metrics.count(Metrics.ORDERS, "event", "paid");
        return Outcome.PAID;
    }

    /**
     * A payment arrived after the order's time ran out: its units (and whatever its scheme held, a visit's places)
     * are held again if they are still there. A late payment may release the old holds and take new ones, so it
     * locks every issuance it may touch at once, in the ledger's lock order, before anything else.
     */
    private boolean renew(UnitOrder order) {
        Set<Long> touched = new TreeSet<>(inventory.issuanceIds(orders.projectCodeOf(order)));
        inventory.holdsOf(order).forEach(hold -> touched.add(hold.issuanceId));
        locks.issuances(touched);
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            orders.expireLocked(order, "system");
        }
        List<Issuance> candidates = locks.issuances(inventory.issuanceIds(orders.projectCodeOf(order)));
        if (candidates.stream().mapToLong(Issuance::availableKg).sum() < order.quantityKg()) {
            return false;
        }
        OrderRenewal renewal = new OrderRenewal(order.id(), order.purpose(), order.reference());
        renewals.fire(renewal);
        if (renewal.refused()) {
            audit.append("system", "RENEWAL_REFUSED order=" + order.id());
            return false;
        }
        inventory.hold(order, candidates);
        em.flush();
        order.renew(clock.now().plus(OrderService.reservationTime()));
        audit.append("system", "RESERVED_AGAIN order=" + order.id() + " kg=" + order.quantityKg());
        return true;
    }

    private Outcome owe(UnitOrder order, long amountFen, String paymentRef, Refund.Reason reason, String actor) {
        boolean owedAlready = em.createNamedQuery("Refund.byPaymentRef", Refund.class).setParameter("ref", paymentRef)
                .getResultStream().findAny().isPresent();
        if (!owedAlready) {
            em.persist(new Refund(order.id(), paymentRef, amountFen, reason, clock.now()));
            audit.append(actor, "REFUND_DUE order=" + order.id() + " amountFen=" + amountFen + " reason=" + reason
                    + " ref=" + paymentRef);
        }
        return Outcome.REFUND_DUE;
    }
}
