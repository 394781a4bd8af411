package cn.yaan.carbonsink.shared;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the application. Times are stored as instants; dates that people see (a slot's day, an
 * obligation year, a due date) are taken in Asia/Shanghai, whatever the server's own zone.
 *
 * <p>Test servers run with {@code carbonsink.clock.controllable=true}, which lets an administrator move this node's
 * clock forward ({@code PUT /api/v1/admin/clock}) to see reservations expire or due dates pass without waiting.
 * Everywhere else the clock is the system clock and cannot be moved.
 */
@ApplicationScoped
public class AppClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock system = Clock.system(ZONE);
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /**
     * Now, to the microsecond: the precision the database keeps ({@code TIMESTAMP(6)}), so that an answer built from
     * a record just written shows the same time as the record read back later (a retry answered from the database).
     */
    public Instant now() {
        return system.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }

    public static boolean controllable() {
        return Settings.flag("carbonsink.clock.controllable");
    }

    /** Moves this node's clock to the system time plus {@code newOffset} (never backwards of the system time). */
    public void setOffset(Duration newOffset) {
        if (!controllable()) {
            throw BusinessException.notFound("The clock of this server cannot be changed.");
        }
        if (newOffset.isNegative()) {
            throw BusinessException.invalid("offset", "The clock can only be moved forward (a positive duration).");
        }
        offset.set(newOffset);
    }

    public Duration offset() {
        return offset.get();
    }
}
