package cn.yaan.carbonsink.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature scheme against the Standard Webhooks specification's own example, and the backoff of a delivery. */
class WebhookSignatureTest {

    @Test
    void signsAsTheStandardWebhooksExampleSays() {
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIs32RandomBytes() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheLimit() {
        WebhookDelivery d = new WebhookDelivery(1, null, Instant.EPOCH);
        Instant now = Instant.parse("2026-05-01T00:00:00Z");
        long[] waits = new long[8];
        for (int i = 0; i < waits.length; i++) {
            d.failed(503, "The receiver answered 503.", now, Duration.ofSeconds(60));
            waits[i] = Duration.between(now, d.nextAttemptAt()).toSeconds();
        }
        assertThat(waits).containsExactly(1, 2, 4, 8, 16, 32, 60, 60);
        assertThat(d.attempts()).isEqualTo(8);
        assertThat(d.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        d.delivered(204, now);
        assertThat(d.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
        assertThat(d.lastError()).isNull();
    }
}
