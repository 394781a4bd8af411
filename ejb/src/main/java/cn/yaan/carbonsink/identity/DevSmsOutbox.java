package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The development SMS sender: on the embedded default and on test servers (whose clock can be moved) it keeps each
 * message, sealed, in {@code sms_outbox}, and administrators read them on {@code /admin/sms.xhtml}; nothing is sent
 * and nothing is logged. In production it is off (neither available nor readable), so that a server without a real
 * provider says that text messages are unavailable instead of pretending to send them.
 */
@ApplicationScoped
public class DevSmsOutbox implements SmsSender {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    PersonalData personalData;

    /** A kept message, for an administrator's eyes: the whole number and text. */
    public record Sent(Instant sentAt, String phone, String text) {
    }

    /** On for the embedded default and test servers only (as {@code platform.RequiredSecrets} tells them apart). */
    public static boolean on() {
        return Settings.embedded() || AppClock.controllable();
    }

    @Override
    public boolean available() {
        return on();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(String phone, String text) {
        if (!on()) {
            throw new IllegalStateException("The development SMS outbox is off on a production server");
        }
        em.persist(new SmsMessage(personalData.protect(phone), personalData.protect(text), clock.now()));
    }

    /** The latest messages, newest first; 404 on a production server, where there is no outbox. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Sent> latest(int limit) {
        if (!on()) {
            throw BusinessException.notFound("This server has no development SMS outbox.");
        }
        return em.createNamedQuery("SmsMessage.latest", SmsMessage.class).setMaxResults(limit).getResultStream()
                .map(m -> new Sent(m.sentAt(), personalData.reveal(m.phoneSealed()), personalData.reveal(m.textSealed())))
                .toList();
    }
}
