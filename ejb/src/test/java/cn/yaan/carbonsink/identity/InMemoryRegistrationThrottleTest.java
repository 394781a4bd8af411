package cn.yaan.carbonsink.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRegistrationThrottleTest {

    private final InMemoryRegistrationThrottle throttle = new InMemoryRegistrationThrottle(10, Duration.ofSeconds(30));
    private final Instant t0 = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void anAddressGetsTheBurstThenOneAttemptPerInterval() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.reserve("100.64.0.1", t0)).isZero();
        }
        assertThat(throttle.reserve("100.64.0.1", t0)).isEqualTo(30);
        assertThat(throttle.reserve("100.64.0.1", t0.plusSeconds(20))).isEqualTo(10);
        assertThat(throttle.reserve("100.64.0.1", t0.plusSeconds(30))).isZero();
        assertThat(throttle.reserve("100.64.0.1", t0.plusSeconds(31))).isEqualTo(29);
        assertThat(throttle.reserve("100.64.0.2", t0.plusSeconds(31))).as("another address").isZero();
    }

    @Test
    void aQuietAddressGetsItsWholeBurstBackButNoMore() {
        for (int i = 0; i < 10; i++) {
            throttle.reserve("198.51.100.9", t0);
        }
        Instant later = t0.plus(Duration.ofHours(2));
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.reserve("198.51.100.9", later)).isZero();
        }
        assertThat(throttle.reserve("198.51.100.9", later)).isPositive();
    }
}
