package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.shared.Settings;

import java.time.Duration;
import java.time.Instant;

/**
 * What cancelling a paid booking gives back (docs/DOMAIN.md, section 5): cancelled at least
 * {@code carbonsink.booking.refund-hours} (default 24) before its slot starts, the whole payment goes back; later,
 * nothing. The units the payment retired stay retired either way, and the offset certificate stays valid.
 */
public final class CancellationRule {

    private CancellationRule() {
    }

    /** Whether a paid booking of a slot starting at {@code slotStart}, cancelled at {@code now}, is refunded. */
    public static boolean refunded(Instant slotStart, Instant now) {
        return !now.plus(refundTime()).isAfter(slotStart);
    }

    /** How long before its slot a paid booking must be cancelled to be refunded. */
    public static Duration refundTime() {
        return Duration.ofHours(Long.parseLong(Settings.get("carbonsink.booking.refund-hours", "24")));
    }
}
