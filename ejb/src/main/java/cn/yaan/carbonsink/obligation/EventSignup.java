package cn.yaan.carbonsink.obligation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A citizen's place at a planting event. */
@Entity
@Table(name = "event_signup")
@NamedQuery(name = "EventSignup.count", query = "select count(s) from EventSignup s where s.eventId = :event")
@NamedQuery(name = "EventSignup.exists",
        query = "select count(s) from EventSignup s where s.eventId = :event and s.accountId = :account")
public class EventSignup {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "event_id", nullable = false)
    long eventId;
    @Column(name = "account_id", nullable = false)
    long accountId;
    @Column(name = "signed_up_at", nullable = false)
    Instant signedUpAt;

    protected EventSignup() {
    }

    EventSignup(long eventId, long accountId, Instant signedUpAt) {
        this.eventId = eventId;
        this.accountId = accountId;
        this.signedUpAt = signedUpAt;
    }
}
