package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A payment started at a provider for an order (one per order and provider): when no notification came the provider
 * is asked about it, and when the order expires or is cancelled the payment is closed there.
 */
@Entity
@Table(name = "payment_attempt")
@NamedQuery(name = "PaymentAttempt.ofOrder",
        query = "select a from PaymentAttempt a where a.orderId = :order order by a.id")
@NamedQuery(name = "PaymentAttempt.closeDue", query = "select distinct a.orderId from PaymentAttempt a "
        + "where a.closeDueAt <= :now and a.closedAt is null order by a.orderId")
public class PaymentAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "order_id", nullable = false)
    private long orderId;
    @Column(nullable = false, length = 32)
    private String provider;
    @Column(nullable = false, length = 16)
    private String channel;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "close_due_at")
    private Instant closeDueAt;

    protected PaymentAttempt() {
    }

    PaymentAttempt(long orderId, String provider, String channel, Instant createdAt) {
        this.orderId = orderId;
        this.provider = provider;
        this.channel = channel;
        this.createdAt = createdAt;
    }

    void closed(Instant at) {
        closedAt = at;
        closeDueAt = null;
    }

    /** Its order was cancelled: the payment is to be closed at the provider (by {@link ReservationExpiry}). */
    void closeDue(Instant at) {
        if (closedAt == null) {
            closeDueAt = at;
        }
    }

    public long orderId() {
        return orderId;
    }

    public String provider() {
        return provider;
    }

    public String channel() {
        return channel;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
