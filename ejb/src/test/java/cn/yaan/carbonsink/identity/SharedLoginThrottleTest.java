package cn.yaan.carbonsink.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SharedLoginThrottleTest {

    private final SharedLoginThrottle throttle = new SharedLoginThrottle();
    private final Instant t0 = Instant.parse("2026-11-24T00:00:00Z");

    private void fail(String username, String address, Instant at) {
        assertThat(throttle.reserve(username, address, at)).as("attempt %s from %s", username, address).isZero();
    }

    @Test
    void onePairGetsFiveChecksThenWaitsTwiceAsLongAfterEachFailureUpToFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            fail("court", "10.0.0.1", t0);
        }
        assertThat(throttle.reserve("COURT", "10.0.0.1", t0)).isEqualTo(30);
        assertThat(throttle.reserve("court", "10.0.0.1", t0.plusSeconds(29))).isEqualTo(1);
        fail("court", "10.0.0.1", t0.plusSeconds(30));
        assertThat(throttle.reserve("court", "10.0.0.1", t0.plusSeconds(31))).isEqualTo(59);
        fail("court", "10.0.0.1", t0.plusSeconds(90));
        assertThat(throttle.reserve("court", "10.0.0.1", t0.plusSeconds(90))).isEqualTo(120);
        Instant at = t0.plusSeconds(210);
        for (int i = 0; i < 20; i++) {
            fail("court", "10.0.0.1", at);
            at = at.plus(Duration.ofMinutes(15));
        }
        assertThat(throttle.reserve("court", "10.0.0.1", at.minus(Duration.ofMinutes(15)))).isEqualTo(900);
    }

    @Test
    void parallelAttemptsOfOnePairReserveAtMostFiveChecks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return throttle.reserve("officer", "198.51.100.1", t0);
                }));
            }
            start.countDown();
            long checked = 0;
            for (Future<Long> attempt : attempts) {
                checked += attempt.get(10, TimeUnit.SECONDS) == 0 ? 1 : 0;
            }
            assertThat(checked).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOwnerFromAnotherAddressIsCheckedWhileTheAccountIsHammered() {
        Instant at = t0;
        for (int i = 0; i < 200; i++) {
            for (int a = 0; a < 20; a++) {
                throttle.reserve("citizen", "203.0.113." + a, at);
            }
            at = at.plusSeconds(3);
        }
        assertThat(throttle.reserve("citizen", "203.0.113.7", at)).as("an attacking address waits").isPositive();
        assertThat(throttle.reserve("citizen", "192.0.2.50", at)).as("the owner's first try").isZero();
        assertThat(throttle.reserve("citizen", "192.0.2.50", at)).as("and one typo more").isZero();
        throttle.succeeded("citizen", "192.0.2.50");
        assertThat(throttle.reserve("citizen", "192.0.2.50", at)).isZero();
    }

    @Test
    void anAddressFailingOnManyAccountsIsNotLockedOutOfOthersButWaitsOnThoseItFailedOn() {
        for (int i = 0; i < 50; i++) {
            fail("user" + i, "100.64.0.1", t0);
            fail("user" + i, "100.64.0.1", t0);
        }
        assertThat(throttle.reserve("neighbour", "100.64.0.1", t0)).as("an account the NAT never failed on").isZero();
        assertThat(throttle.reserve("user3", "100.64.0.1", t0)).as("a third try on a sprayed account").isPositive();
        assertThat(throttle.reserve("user3", "100.64.0.2", t0)).as("another address").isZero();
    }

    @Test
    void aSuccessForgetsThePairsFailuresAndCountsAreForgottenAfterAnHour() {
        for (int i = 0; i < 5; i++) {
            fail("gate", "10.1.1.1", t0);
        }
        throttle.succeeded("gate", "10.1.1.1");
        for (int i = 0; i < 5; i++) {
            fail("gate", "10.1.1.1", t0);
        }
        assertThat(throttle.reserve("gate", "10.1.1.1", t0)).isPositive();
        assertThat(throttle.reserve("gate", "10.1.1.1", t0.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void aClockMovedBackNeverMakesTheWaitLongerThanTheDelay() {
        Instant later = t0.plus(Duration.ofHours(8));
        for (int i = 0; i < 5; i++) {
            fail("admin", "10.2.2.2", later);
        }
        assertThat(throttle.reserve("admin", "10.2.2.2", t0)).as("30 s after the fifth failure, not 8 h").isEqualTo(30);
    }
}
