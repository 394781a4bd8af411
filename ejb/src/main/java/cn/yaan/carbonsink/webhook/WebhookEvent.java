package cn.yaan.carbonsink.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The outbox: an event as it will be sent, written in the transaction of the change it reports. */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "event_type", nullable = false, length = 40)
    private String type;

    @Column(name = "organisation_code", length = 32)
    private String organisationCode;

    /** The body sent, exactly: the signature is taken of these bytes. */
    @Column(nullable = false, length = 8000)
    private String payload;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected WebhookEvent() {
    }

    WebhookEvent(String id, String type, String organisationCode, String payload, Instant occurredAt) {
        this.id = id;
        this.type = type;
        this.organisationCode = organisationCode;
        this.payload = payload;
        this.occurredAt = occurredAt;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String payload() {
        return payload;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
