package cn.yaan.carbonsink.webhook;

import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The steps of {@link WebhookSender}, each in a short transaction of its own, so that no transaction (and no
 * connection) is held while a receiver answers. A subscription is sent to by one node at a time: the node takes a
 * lease on its row with one conditional UPDATE. The schedule (leases, next attempts) runs on the machine's time.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookDispatch {

    /** How long a lease holds if its node dies while sending. */
    static final Duration LEASE = Duration.ofMinutes(2);

    @PersistenceContext
    EntityManager em;

    @Inject
    PersonalData sealing;

    /** A subscription's address and secret, for one round of sending. */
    public record Target(long subscriptionId, String url, String secret) {
    }

    /** A delivery waiting to be sent. */
    public record Pending(long deliveryId, String eventId, String payload, Instant nextAttemptAt) {
    }

    /** Subscriptions with a delivery due now. */
    public List<Long> waiting(int max) {
        return em.createNamedQuery("WebhookDelivery.waiting", Long.class).setParameter("now", Instant.now())
                .setMaxResults(max).getResultList();
    }

    /** Takes the subscription for this node unless another node holds it (or it was deactivated): true if taken. */
    public boolean lease(long subscriptionId, String node) {
        Instant now = Instant.now();
        return em.createQuery("update WebhookSubscription s set s.leaseUntil = :until, s.leaseOwner = :node "
                        + "where s.id = :id and s.active = true and (s.leaseUntil is null or s.leaseUntil < :now)")
                .setParameter("until", now.plus(LEASE)).setParameter("node", node).setParameter("id", subscriptionId)
                .setParameter("now", now).executeUpdate() == 1;
    }

    public void release(long subscriptionId, String node) {
        em.createQuery("update WebhookSubscription s set s.leaseUntil = null, s.leaseOwner = null "
                        + "where s.id = :id and s.leaseOwner = :node")
                .setParameter("id", subscriptionId).setParameter("node", node).executeUpdate();
    }

    public Target target(long subscriptionId) {
        WebhookSubscription s = em.find(WebhookSubscription.class, subscriptionId);
        return new Target(s.id(), s.url(), sealing.reveal(s.secretSealed()));
    }

    /** The subscription's undelivered events, oldest first. */
    public List<Pending> queue(long subscriptionId, int max) {
        return em.createNamedQuery("WebhookDelivery.queue", WebhookDelivery.class)
                .setParameter("subscription", subscriptionId).setMaxResults(max).getResultStream()
                .map(d -> new Pending(d.id(), d.event().id(), d.event().payload(), d.nextAttemptAt())).toList();
    }

    public void delivered(long deliveryId, int httpStatus) {
        em.find(WebhookDelivery.class, deliveryId).delivered(httpStatus, Instant.now());
    }

    public void failed(long deliveryId, Integer httpStatus, String error) {
        em.find(WebhookDelivery.class, deliveryId).failed(httpStatus, error, Instant.now(), maxWait());
    }

    /** Forgets deliveries received before {@code before}, and the events no delivery refers to any more. */
    public int forget(Instant before) {
        int deliveries = em.createQuery("delete from WebhookDelivery d where d.status = "
                        + "cn.yaan.carbonsink.webhook.WebhookDelivery.Status.DELIVERED and d.deliveredAt < :before")
                .setParameter("before", before).executeUpdate();
        em.createQuery("delete from WebhookEvent e where e.occurredAt < :before and not exists "
                + "(select d.id from WebhookDelivery d where d.event = e)").setParameter("before", before).executeUpdate();
        return deliveries;
    }

    static Duration maxWait() {
        return Duration.ofSeconds(Long.parseLong(Settings.get("carbonsink.webhooks.max-backoff-seconds", "3600")));
    }
}
