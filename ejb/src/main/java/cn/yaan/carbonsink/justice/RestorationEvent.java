package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** One step on an order's timeline: who did what, when. The detail never holds personal data. */
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

    protected RestorationEvent() {
    }

    RestorationEvent(long orderId, Instant occurredAt, String actor, String action, String detail) {
        this.orderId = orderId;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.detail = detail;
    }

    public Instant occurredAt() { return occurredAt; }
    public String actor() { return actor; }
    public String action() { return action; }
    public String detail() { return detail; }
}
