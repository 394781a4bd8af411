package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.KeyValueLines;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;

/**
 * One step on an order's timeline: who did what, when. The detail (English, for the API) and the fields never hold
 * personal data. The fields are what the pages build their sentence from ({@code restoration.history.<action>}):
 * amounts in fen, quantities in kg, dates ISO; rows written before V20 have none and the pages say only what
 * happened.
 */
@Entity
@Table(name = "restoration_event")
@NamedQuery(name = "RestorationEvent.ofOrder",
        query = "select e from RestorationEvent e where e.orderId = :order order by e.id")
public class RestorationEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    long orderId;
    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;
    @Column(nullable = false, length = 64)
    String actor;
    @Column(nullable = false, length = 32)
    String action;
    @Column(nullable = false, length = 1000)
    String detail;
    @Column(length = 1000)
    String fields;

    protected RestorationEvent() {
    }

    RestorationEvent(long orderId, Instant occurredAt, String actor, String action, String detail,
                     Map<String, String> fields) {
        this.orderId = orderId;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.detail = detail;
        this.fields = KeyValueLines.join(fields);
    }

    public Instant occurredAt() { return occurredAt; }
    public String actor() { return actor; }
    public String action() { return action; }
    public String detail() { return detail; }
    /** The step's fields by name, empty for a step recorded before V20. */
    public Map<String, String> fields() { return KeyValueLines.parse(fields); }
}
