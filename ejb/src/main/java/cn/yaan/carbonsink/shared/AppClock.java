package cn.yaan.carbonsink.shared;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The one clock of the application. Times are stored as instants; dates that people see (a slot's day, an
 * obligation year, a due date) are taken in Asia/Shanghai, whatever the server's own zone.
 */
@ApplicationScoped
public class AppClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock = Clock.system(ZONE);

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
