package cn.yaan.carbonsink.identity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle();
    private final Instant t0 = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void fiveFailuresInAMinuteBlockTheAccountUntilTheFirstIsAMinuteOld() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("court", "10.0.0." + i, t0.plusSeconds(i));
        }
        assertThat(throttle.retryAfterSeconds("court", "10.0.0.9", t0.plusSeconds(5))).isZero();
        throttle.recordFailure("court", "10.0.0.5", t0.plusSeconds(10));
        assertThat(throttle.retryAfterSeconds("court", "10.0.0.9", t0.plusSeconds(10))).isEqualTo(51);
        assertThat(throttle.retryAfterSeconds("COURT", "10.0.0.9", t0.plusSeconds(59))).isEqualTo(2);
        assertThat(throttle.retryAfterSeconds("court", "10.0.0.9", t0.plusSeconds(60))).isZero();
    }

    @Test
    void fiveFailuresFromOneAddressBlockThatAddressForAnyAccount() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "192.0.2.1", t0);
        }
        assertThat(throttle.retryAfterSeconds("admin", "192.0.2.1", t0.plusSeconds(1))).isPositive();
        assertThat(throttle.retryAfterSeconds("admin", "192.0.2.2", t0.plusSeconds(1))).isZero();
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteDoNotBlock() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("officer", "10.1.1." + i, t0.plusSeconds(i * 15L));
            assertThat(throttle.retryAfterSeconds("officer", "10.9.9.9", t0.plusSeconds(i * 15L))).isZero();
        }
    }
}
