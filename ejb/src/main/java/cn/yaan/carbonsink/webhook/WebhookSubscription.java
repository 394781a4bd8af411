package cn.yaan.carbonsink.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A system that is told about events: an organisation's (a court, a scenic site's operator) or, without one, an
 * administrator's, which hears every organisation's events. Its signing secret is sealed; it is never deleted, only
 * deactivated, so that its deliveries stay listed.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organisation_code", length = 32)
    private String organisationCode;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(name = "event_types", nullable = false, length = 500)
    private String eventTypes;

    @Column(name = "secret_sealed", nullable = false, length = 400)
    private String secretSealed;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    boolean active;

    @Column(name = "lease_until")
    Instant leaseUntil;

    @Column(name = "lease_owner", length = 64)
    String leaseOwner;

    protected WebhookSubscription() {
    }

    WebhookSubscription(String organisationCode, String url, List<String> eventTypes, String secretSealed,
                        String createdBy, Instant createdAt) {
        this.organisationCode = organisationCode;
        this.url = url;
        this.eventTypes = String.join(",", eventTypes);
        this.secretSealed = secretSealed;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.active = true;
    }

    public long id() {
        return id;
    }

    public String organisationCode() {
        return organisationCode;
    }

    public String url() {
        return url;
    }

    public List<String> eventTypes() {
        return Arrays.asList(eventTypes.split(","));
    }

    String secretSealed() {
        return secretSealed;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean active() {
        return active;
    }
}
