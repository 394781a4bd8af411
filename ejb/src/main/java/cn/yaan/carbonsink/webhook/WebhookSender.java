package cn.yaan.carbonsink.webhook;

import cn.yaan.carbonsink.platform.JobLeader;
import cn.yaan.carbonsink.platform.Metrics;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox, every two seconds, on the node that runs the jobs ({@link JobLeader}): per subscription (leased to one node at a time) its
 * undelivered events in the order they happened, each signed ({@link WebhookSignature}); the first that fails waits
 * for its next attempt (1 s, 2 s, 4 s... at most {@code carbonsink.webhooks.max-backoff-seconds}) and the later ones
 * wait behind it. No redirect is followed; the address is checked again before each delivery ({@link WebhookUrls}).
 * Nothing here runs in a business transaction: a receiver that is down or slow delays only its own events.
 */
@Singleton
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

    /** This node's name in leases. */
    private static final String NODE = "node-" + UUID.randomUUID().toString().substring(0, 8);

    /** Events sent to one subscription in one round. */
    static final int BATCH = 50;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    JobLeader jobLeader;

    @Inject
    WebhookDispatch dispatch;

    @Inject
    Metrics metrics;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sendDue() {
        if (!jobLeader.leads()) {
            return;
        }
        for (Long subscription : dispatch.waiting(100)) {
            try {
                if (dispatch.lease(subscription, NODE)) {
                    try {
                        sendQueue(subscription);
                    } finally {
                        dispatch.release(subscription, NODE);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not send the webhooks of subscription " + subscription
                        + "; the next round tries again", e);
            }
        }
        metrics.count(Metrics.JOB_RUNS, "job", "webhooks");
    }

    /** How long a received event stays listed. */
    static final Duration KEPT = Duration.ofDays(30);

    /** Every night: deliveries received more than {@link #KEPT} ago are forgotten, with their events. */
    @Schedule(hour = "4", minute = "20", timezone = "Asia/Shanghai", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void forgetOld() {
        if (!jobLeader.leads()) {
            return;
        }
        try {
            int forgotten = dispatch.forget(Instant.now().minus(KEPT));
            LOG.info(() -> "Forgot " + forgotten + " webhook deliveries received more than " + KEPT.toDays() + " days ago");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not forget old webhook deliveries; tomorrow's run tries again", e);
        }
    }

    private void sendQueue(long subscription) {
        WebhookDispatch.Target target = dispatch.target(subscription);
        for (WebhookDispatch.Pending p : dispatch.queue(subscription, BATCH)) {
            if (p.nextAttemptAt().isAfter(Instant.now()) || !send(target, p)) {
                return;
            }
        }
    }

    /** One attempt: true when the receiver answered 2xx. */
    private boolean send(WebhookDispatch.Target target, WebhookDispatch.Pending p) {
        URI uri = URI.create(target.url());
        String refused = WebhookUrls.refusal(uri);
        if (refused != null) {
            dispatch.failed(p.deliveryId(), null, refused);
            return false;
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "carbonsink-webhooks/1")
                .header("webhook-id", p.eventId()).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(target.secret(), p.eventId(), timestamp, p.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(p.payload(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                dispatch.delivered(p.deliveryId(), response.statusCode());
                return true;
            }
            dispatch.failed(p.deliveryId(), response.statusCode(), "The receiver answered " + response.statusCode() + ".");
        } catch (IOException e) {
            dispatch.failed(p.deliveryId(), null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dispatch.failed(p.deliveryId(), null, "Interrupted");
        }
        return false;
    }
}
