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
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * Money a payment brought in that is owed back: a second payment of an order already paid, a payment of a cancelled
 * order, a payment that came after its order expired and found the units (or the visit's places) gone, and the
 * payment of a visit cancelled early enough. One per payment (its reference): a replayed notification or a repeated
 * cancellation never owes twice.
 */
@Entity
@Table(name = "payment_refund")
@NamedQuery(name = "Refund.ofOrders", query = "select r from Refund r where r.orderId in :orders order by r.id")
@NamedQuery(name = "Refund.byPaymentRef", query = "select r from Refund r where r.paymentRef = :ref")
@NamedQuery(name = "Refund.byStatus", query = "select r from Refund r where r.status in :statuses order by r.id desc")
@NamedQuery(name = "Refund.dueAtProviders", query = "select r.id from Refund r where r.status = "
        + "cn.yaan.carbonsink.ledger.Refund.Status.DUE and r.provider in :providers order by r.id")
public class Refund {

    /** Why the money goes back. */
    @Schema(name = "RefundReason")
    public enum Reason {
        /** The order was paid already; this payment came on top. */
        DUPLICATE_PAYMENT,
        /** The buyer cancelled the order before the payment arrived. */
        ORDER_CANCELLED,
        /** The payment came after the order expired, and its units or places were taken meanwhile. */
        LATE_PAYMENT,
        /**
         * The visitor cancelled a paid booking early enough under the cancellation rule: the money goes back, the
         * units it retired stay retired (docs/DOMAIN.md, section 7).
         */
        BOOKING_CANCELLED
    }

    /**
     * Where the refund stands: {@code DUE} (owed) -> {@code REQUESTED} (sent to the provider that took the money) ->
     * {@code SUCCEEDED} or {@code FAILED}; a failed refund may be requested again.
     */
    @Schema(name = "RefundStatus")
    public enum Status { DUE, REQUESTED, SUCCEEDED, FAILED }

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
    @Column(length = 32)
    private String provider;
    @Column(name = "provider_refund_id", length = 64)
    private String providerRefundId;
    @Column(length = 200)
    private String failure;
    @Column(name = "requested_by", length = 64)
    private String requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "settled_at")
    private Instant settledAt;
    @Column(nullable = false)
    private int attempts;
    @Version
    private long version;

    protected Refund() {
    }

    Refund(long orderId, String paymentRef, long amountFen, Reason reason, Instant createdAt) {
        this.orderId = orderId;
        this.paymentRef = paymentRef;
        this.amountFen = amountFen;
        this.reason = reason;
        this.status = Status.DUE;
        this.createdAt = createdAt;
        int colon = paymentRef.indexOf(':');
        this.provider = colon > 0 ? paymentRef.substring(0, colon) : null;
    }

    /** Sent to the provider by {@code actor}. Only an owed or a failed refund may be. */
    void requested(String actor, Instant now) {
        if (status != Status.DUE && status != Status.FAILED) {
            throw new IllegalStateException("Refund " + id + " is " + status + " and cannot be requested");
        }
        status = Status.REQUESTED;
        requestedBy = actor;
        requestedAt = now;
        failure = null;
        attempts++;
    }

    /** The provider's result. A settled refund stays as it is: a late or replayed result changes nothing. */
    boolean settle(boolean succeeded, String providerRefundId, String detail, Instant now) {
        if (status != Status.REQUESTED) {
            return false;
        }
        status = succeeded ? Status.SUCCEEDED : Status.FAILED;
        if (providerRefundId != null) {
            this.providerRefundId = providerRefundId;
        }
        failure = succeeded ? null : shorten(detail);
        settledAt = now;
        return true;
    }

    /** The provider took the refund and will tell its result later. */
    void accepted(String providerRefundId) {
        if (providerRefundId != null) {
            this.providerRefundId = providerRefundId;
        }
    }

    private static String shorten(String detail) {
        String d = detail == null ? "" : detail;
        return d.length() > 200 ? d.substring(0, 200) : d;
    }

    public Long id() {
        return id;
    }

    /** The provider that took the money (the part of the payment's reference before its colon). */
    public String provider() {
        return provider;
    }

    /** The provider's transaction number of the payment (the part of the reference after its colon). */
    public String transactionId() {
        int colon = paymentRef.indexOf(':');
        return colon < 0 ? paymentRef : paymentRef.substring(colon + 1);
    }

    public String providerRefundId() {
        return providerRefundId;
    }

    public String failure() {
        return failure;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant settledAt() {
        return settledAt;
    }

    public int attempts() {
        return attempts;
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
