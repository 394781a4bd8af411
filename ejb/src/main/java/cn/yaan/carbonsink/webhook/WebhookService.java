package cn.yaan.carbonsink.webhook;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhooks: subscriptions of an organisation's systems (a court's case management for its restoration orders, a
 * ticket platform for its site), the outbox written in the transaction of each change ({@link #onEvent}), and the
 * deliveries as a subscriber lists and replays them. Sending is {@link WebhookSender}'s.
 */
@Stateless
public class WebhookService {

    /** Active subscriptions an organisation may hold. */
    static final int MAX_PER_ORGANISATION = 10;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    PersonalData sealing;

    /** A subscription as asked for: the receiver's address and the events it wants (names as on the wire). */
    @Schema(name = "NewWebhook")
    public record NewSubscription(@Schema(maxLength = WebhookUrls.MAX_LENGTH) String url,
                                  @NotEmpty @Size(max = 10) List<@NotNull @Size(max = 40) String> events) {
    }

    /** A subscription as its owners see it; the secret only in the answer that created it. */
    public record SubscriptionView(long id, String organisation, String url, List<String> events, boolean active,
                                   Instant createdAt, String createdBy, String secret) {
        static SubscriptionView of(WebhookSubscription s, String secret) {
            return new SubscriptionView(s.id(), s.organisationCode(), s.url(), s.eventTypes(), s.active(), s.createdAt(),
                    s.createdBy(), secret);
        }
    }

    public record DeliveryView(long id, String eventId, String type, String status, int attempts, Integer lastStatus,
                               String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt,
                               String payload) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), d.event().id(), d.event().type(), d.status().name(), d.attempts(),
                    d.lastStatus(), d.lastError(), d.lastAttemptAt(),
                    d.status() == WebhookDelivery.Status.PENDING ? d.nextAttemptAt() : null, d.deliveredAt(),
                    d.event().payload());
        }
    }

    /**
     * Subscribes the caller's organisation (an administrator: every organisation) to events, answering the signing
     * secret once. A court may subscribe to restoration events, a site operator to its site's; 403 otherwise.
     */
    public SubscriptionView subscribe(@NotNull @Valid NewSubscription s, Caller caller) {
        String organisation = organisationOf(caller);
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (int i = 0; i < s.events().size(); i++) {
            IntegrationEvent.Type type = IntegrationEvent.Type.ofWireName(s.events().get(i).strip());
            if (type == null) {
                throw BusinessException.invalid("events[" + i + "]", "Unknown event; one of "
                        + String.join(", ", List.of(IntegrationEvent.Type.values()).stream()
                        .map(IntegrationEvent.Type::wireName).toList()) + ".");
            }
            if (organisation != null && type.audience() != audienceOf(caller)) {
                throw new BusinessException(BusinessException.Kind.FORBIDDEN, "event-not-yours",
                        "This account's organisation may not subscribe to " + type.wireName() + ".");
            }
            events.add(type.wireName());
        }
        String url = WebhookUrls.check(s.url()).toString();
        long active = scoped(em.createQuery("select count(s) from WebhookSubscription s where s.active = true and "
                + (organisation == null ? "s.organisationCode is null" : "s.organisationCode = :org"), Long.class),
                organisation).getSingleResult();
        if (active >= MAX_PER_ORGANISATION) {
            throw BusinessException.conflict("too-many-webhooks", "An organisation holds at most " + MAX_PER_ORGANISATION
                    + " active webhooks; deactivate one first.");
        }
        String secret = WebhookSignature.newSecret();
        WebhookSubscription subscription = new WebhookSubscription(organisation, url, List.copyOf(events),
                sealing.protect(secret), caller.username(), clock.now());
        em.persist(subscription);
        em.flush();
        return SubscriptionView.of(subscription, secret);
    }

    /** The subscriptions the caller may see: its organisation's (an administrator's: all), newest first. */
    public List<SubscriptionView> subscriptions(Caller caller) {
        String organisation = organisationOf(caller);
        return scoped(em.createQuery("select s from WebhookSubscription s"
                + (organisation == null ? "" : " where s.organisationCode = :org") + " order by s.id desc",
                WebhookSubscription.class), organisation).setMaxResults(100)
                .getResultStream().map(s -> SubscriptionView.of(s, null)).toList();
    }

    /** Stops sending to a subscription; what was not delivered stays listed and is not sent. */
    public SubscriptionView deactivate(long id, Caller caller) {
        WebhookSubscription s = visible(id, caller);
        s.active = false;
        return SubscriptionView.of(s, null);
    }

    /** A subscription's deliveries, newest first. */
    public List<DeliveryView> deliveries(long id, int limit, Caller caller) {
        visible(id, caller);
        return em.createNamedQuery("WebhookDelivery.ofSubscription", WebhookDelivery.class)
                .setParameter("subscription", id).setMaxResults(Math.max(1, Math.min(limit, 500)))
                .getResultStream().map(DeliveryView::of).toList();
    }

    /** Sends an event again (the same id, so the receiver can tell), after what is queued already. */
    public DeliveryView replay(long id, long deliveryId, Caller caller) {
        WebhookSubscription s = visible(id, caller);
        WebhookDelivery earlier = em.find(WebhookDelivery.class, deliveryId);
        if (earlier == null || earlier.subscriptionId() != id) {
            throw BusinessException.notFound("No delivery " + deliveryId + " of webhook " + id + ".");
        }
        if (!s.active()) {
            throw BusinessException.conflict("webhook-inactive", "This webhook was deactivated; nothing is sent to it.");
        }
        WebhookDelivery again = new WebhookDelivery(id, earlier.event(), Instant.now());
        em.persist(again);
        em.flush();
        return DeliveryView.of(again);
    }

    /**
     * The outbox (in the transaction of the change): the event is written with one delivery per active subscription
     * that wants it, so it is sent if and only if the change commits. Nothing is sent from here.
     */
    public void onEvent(@Observes IntegrationEvent event) {
        String type = event.type().wireName();
        List<WebhookSubscription> subscribers = scoped(em.createQuery("select s from WebhookSubscription s "
                + "where s.active = true " + (event.organisationCode() == null ? "and s.organisationCode is null"
                : "and (s.organisationCode = :org or s.organisationCode is null)"), WebhookSubscription.class),
                event.organisationCode()).getResultStream()
                .filter(s -> s.eventTypes().contains(type)).toList();
        if (subscribers.isEmpty()) {
            return;
        }
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        Instant at = clock.now();
        JsonObjectBuilder data = Json.createObjectBuilder();
        for (Map.Entry<String, Object> e : event.data().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                data.addNull(e.getKey());
            } else if (v instanceof Long || v instanceof Integer) {
                data.add(e.getKey(), ((Number) v).longValue());
            } else if (v instanceof Boolean b) {
                data.add(e.getKey(), b);
            } else if (v instanceof Instant i) {
                data.add(e.getKey(), Timestamps.text(i));
            } else {
                data.add(e.getKey(), v.toString());
            }
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("id", id).add("type", type)
                .add("timestamp", Timestamps.text(at));
        if (event.organisationCode() != null) {
            body.add("organisation", event.organisationCode());
        }
        WebhookEvent stored = new WebhookEvent(id, type, event.organisationCode(), body.add("data", data).build().toString(), at);
        em.persist(stored);
        Instant now = Instant.now();
        for (WebhookSubscription s : subscribers) {
            em.persist(new WebhookDelivery(s.id(), stored, now));
        }
    }

    /** The organisation the caller subscribes for: null for an administrator (all); 403 without one. */
    private static String organisationOf(Caller caller) {
        if (caller.has(Role.ADMIN)) {
            return null;
        }
        if (caller.organisationCode() == null || audienceOf(caller) == null) {
            throw new BusinessException(BusinessException.Kind.FORBIDDEN, "no-organisation",
                    "Only a court's or a scenic site's accounts (and administrators) subscribe to webhooks.");
        }
        return caller.organisationCode();
    }

    /** The query with its organisation parameter, when it has one. */
    private static <Q extends jakarta.persistence.TypedQuery<?>> Q scoped(Q query, String organisation) {
        if (organisation != null) {
            query.setParameter("org", organisation);
        }
        return query;
    }

    private static IntegrationEvent.Audience audienceOf(Caller caller) {
        if (caller.has(Role.COURT)) {
            return IntegrationEvent.Audience.COURT;
        }
        return caller.has(Role.SITE_OPERATOR) ? IntegrationEvent.Audience.SITE : null;
    }

    private WebhookSubscription visible(long id, Caller caller) {
        String organisation = organisationOf(caller);
        WebhookSubscription s = em.find(WebhookSubscription.class, id);
        if (s == null || organisation != null && !organisation.equals(s.organisationCode())) {
            throw BusinessException.notFound("No webhook " + id + ".");
        }
        return s;
    }
}
