package cn.yaan.carbonsink.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A text message the {@link DevSmsOutbox} kept instead of sending: number and text sealed by {@link PersonalData}. */
@Entity
@Table(name = "sms_outbox")
@NamedQuery(name = "SmsMessage.latest", query = "select m from SmsMessage m order by m.sentAt desc, m.id desc")
public class SmsMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "phone_sealed", nullable = false, length = 200)
    private String phoneSealed;

    @Column(name = "text_sealed", nullable = false, length = 2000)
    private String textSealed;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected SmsMessage() {
    }

    SmsMessage(String phoneSealed, String textSealed, Instant sentAt) {
        this.phoneSealed = phoneSealed;
        this.textSealed = textSealed;
        this.sentAt = sentAt;
    }

    String phoneSealed() {
        return phoneSealed;
    }

    String textSealed() {
        return textSealed;
    }

    Instant sentAt() {
        return sentAt;
    }
}
