package cn.yaan.carbonsink.ledger;

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
 * A payment provider's notification, recorded once with what it did ({@code outcome}); a replay of it finds this row
 * and changes nothing.
 */
@Entity
@Table(name = "payment_notification")
@NamedQuery(name = "PaymentNotification.find",
        query = "select n from PaymentNotification n where n.provider = :provider and n.notificationId = :id")
public class PaymentNotification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, length = 32)
    String provider;
    @Column(name = "notification_id", nullable = false, length = 100)
    String notificationId;
    @Column(name = "payment_id", nullable = false, length = 40)
    String paymentId;
    @Column(name = "amount_fen", nullable = false)
    long amountFen;
    @Column(name = "received_at", nullable = false)
    Instant receivedAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    PaymentService.Outcome outcome;

    protected PaymentNotification() {
    }

    PaymentNotification(String provider, String notificationId, String paymentId, long amountFen, Instant receivedAt,
                        PaymentService.Outcome outcome) {
        this.outcome = outcome;
        this.provider = provider;
        this.notificationId = notificationId;
        this.paymentId = paymentId;
        this.amountFen = amountFen;
        this.receivedAt = receivedAt;
    }
}
