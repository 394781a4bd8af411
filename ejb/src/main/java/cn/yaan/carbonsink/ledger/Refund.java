package cn.yaan.carbonsink.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Money a payment brought in that bought no units and is owed back: a second payment of an order already paid, a
 * payment of a cancelled order, a payment that came after its order expired and found the units (or the visit's
 * places) gone. One per payment (its reference): a replayed notification never owes twice.
 */
@Entity
@Table(name = "payment_refund")
@NamedQuery(name = "Refund.ofOrders", query = "select r from Refund r where r.orderId in :orders order by r.id")
@NamedQuery(name = "Refund.byPaymentRef", query = "select r from Refund r where r.paymentRef = :ref")
public class Refund {

    /** Why the money goes back. */
    @Schema(name = "RefundReason")
    public enum Reason {
        /** The order was paid already; this payment came on top. */
        DUPLICATE_PAYMENT,
        /** The buyer cancelled the order before the payment arrived. */
        ORDER_CANCELLED,
        /** The payment came after the order expired, and its units or places were taken meanwhile. */
        LATE_PAYMENT
    }

    /** Where the refund stands; the providers' refund workflow moves it on. */
    @Schema(name = "RefundStatus")
    public enum Status { DUE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "order_id", nullable = false)
    private long orderId;
    @Column(name = "payment_ref", nullable = false, length = 100)
    private String paymentRef;
    @Column(name = "amount_fen", nullable = false)
    private long amountFen;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Reason reason;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Refund() {
    }

    Refund(long orderId, String paymentRef, long amountFen, Reason reason, Instant createdAt) {
        this.orderId = orderId;
        this.paymentRef = paymentRef;
        this.amountFen = amountFen;
        this.reason = reason;
        this.status = Status.DUE;
        this.createdAt = createdAt;
    }

    public long orderId() {
        return orderId;
    }

    public String paymentRef() {
        return paymentRef;
    }

    public long amountFen() {
        return amountFen;
    }

    public Reason reason() {
        return reason;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
