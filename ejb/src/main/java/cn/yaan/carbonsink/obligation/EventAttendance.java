package cn.yaan.carbonsink.obligation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A citizen seen at a planting event (their QR code scanned by the organiser), with the trees they planted. */
@Entity
@Table(name = "event_attendance")
@NamedQuery(name = "EventAttendance.exists",
        query = "select count(a) from EventAttendance a where a.eventId = :event and a.accountId = :account")
public class EventAttendance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "event_id", nullable = false)
    long eventId;
    @Column(name = "account_id", nullable = false)
    long accountId;
    @Column(nullable = false)
    int trees;
    @Column(name = "recorded_by", nullable = false, length = 64)
    String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected EventAttendance() {
    }

    EventAttendance(long eventId, long accountId, int trees, String recordedBy, Instant recordedAt) {
        this.eventId = eventId;
        this.accountId = accountId;
        this.trees = trees;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }
}
