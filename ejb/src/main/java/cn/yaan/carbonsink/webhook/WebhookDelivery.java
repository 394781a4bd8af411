package cn.yaan.carbonsink.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * One event for one subscription: sent in the order of the ids, retried with exponential backoff until the receiver
 * answers 2xx. A later delivery of the same subscription waits for an earlier one, so a receiver hears its events in
 * the order they happened.
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(name = "WebhookDelivery.queue", query = "select d from WebhookDelivery d join fetch d.event "
        + "where d.subscriptionId = :subscription and d.status = cn.yaan.carbonsink.webhook.WebhookDelivery.Status.PENDING "
        + "order by d.id")
@NamedQuery(name = "WebhookDelivery.waiting", query = "select distinct d.subscriptionId from WebhookDelivery d "
        + "where d.status = cn.yaan.carbonsink.webhook.WebhookDelivery.Status.PENDING and d.nextAttemptAt <= :now")
@NamedQuery(name = "WebhookDelivery.ofSubscription", query = "select d from WebhookDelivery d join fetch d.event "
        + "where d.subscriptionId = :subscription order by d.id desc")
public class WebhookDelivery {

    public enum Status { PENDING, DELIVERED }

    /** The wait after the first failure; it doubles with each further one. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "subscription_id", nullable = false)
    private long subscriptionId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id", nullable = false)
    private WebhookEvent event;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error", length = 300)
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WebhookDelivery() {
    }

    WebhookDelivery(long subscriptionId, WebhookEvent event, Instant now) {
        this.subscriptionId = subscriptionId;
        this.event = event;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    /** The receiver answered 2xx. */
    void delivered(int httpStatus, Instant now) {
        attempts++;
        lastAttemptAt = now;
        lastStatus = httpStatus;
        lastError = null;
        status = Status.DELIVERED;
        deliveredAt = now;
    }

    /** It did not: the next attempt after 1 s, 2 s, 4 s... at most {@code maxWait}. */
    void failed(Integer httpStatus, String error, Instant now, Duration maxWait) {
        attempts++;
        lastAttemptAt = now;
        lastStatus = httpStatus;
        lastError = error == null ? null : error.length() > 300 ? error.substring(0, 300) : error;
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempts - 1, 20));
        nextAttemptAt = now.plus(wait.compareTo(maxWait) > 0 ? maxWait : wait);
    }

    public long id() {
        return id;
    }

    public long subscriptionId() {
        return subscriptionId;
    }

    public WebhookEvent event() {
        return event;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public String lastError() {
        return lastError;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
