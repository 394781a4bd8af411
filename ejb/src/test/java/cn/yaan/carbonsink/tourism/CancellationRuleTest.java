package cn.yaan.carbonsink.tourism;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CancellationRuleTest {

    private static final Instant SLOT = Instant.parse("2026-05-02T01:00:00Z");

    @AfterEach
    void defaults() {
        System.clearProperty("carbonsink.booking.refund-hours");
    }

    @Test
    void aPaidBookingCancelledAtLeast24HoursBeforeItsSlotIsRefundedAndNotAfter() {
        assertThat(CancellationRule.refundTime()).isEqualTo(Duration.ofHours(24));
        assertThat(CancellationRule.refunded(SLOT, SLOT.minus(Duration.ofDays(30)))).isTrue();
        assertThat(CancellationRule.refunded(SLOT, SLOT.minus(Duration.ofHours(24)))).as("exactly 24 hours before").isTrue();
        assertThat(CancellationRule.refunded(SLOT, SLOT.minus(Duration.ofHours(24)).plusSeconds(1))).isFalse();
        assertThat(CancellationRule.refunded(SLOT, SLOT.minusSeconds(60))).isFalse();
    }

    @Test
    void theBureauSetsTheHours() {
        System.setProperty("carbonsink.booking.refund-hours", "2");
        assertThat(CancellationRule.refunded(SLOT, SLOT.minus(Duration.ofHours(3)))).isTrue();
        assertThat(CancellationRule.refunded(SLOT, SLOT.minus(Duration.ofHours(1)))).isFalse();
    }
}
