package cn.yaan.carbonsink.web.security;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.SecurityEvents;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per client address and minute for endpoints anyone may call that cost the server far more than they
 * cost the caller (reading an uploaded image) or that send something (a text message with a code). Counted in memory per node, in fixed one-minute windows; a client
 * over its limit gets a 429 problem with Retry-After. The address is the one {@link ClientAddress} believes, so
 * clients behind a trusted proxy are told apart and nobody picks their own.
 */
@ApplicationScoped
public class RateLimits {

    /** The verification of an uploaded photo or screenshot: {@code carbonsink.rate-limit.image-verifications}. */
    public static final Limit IMAGE_VERIFICATIONS = new Limit("image-verifications", 20);

    /** Password-reset codes asked for, whatever the account: {@code carbonsink.rate-limit.password-reset-codes}. */
    public static final Limit PASSWORD_RESET_CODES = new Limit("password-reset-codes", 5);

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 100_000;

    /** A kind of request and how many a client may make a minute unless the setting says otherwise. */
    public record Limit(String name, int defaultPerMinute) {
        int perMinute() {
            return Integer.parseInt(Settings.get("carbonsink.rate-limit." + name, Integer.toString(defaultPerMinute)));
        }
    }

    private record Window(Instant start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    AppClock clock;

    /** Counts a request of the client; refuses it (429) when the client made its minute's share already. */
    public void take(Limit limit, String address) {
        Instant now = clock.now();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(WINDOW)));
        }
        int allowed = limit.perMinute();
        Window window = windows.compute(limit.name() + " " + address, (key, w) ->
                w == null || !now.isBefore(w.start().plus(WINDOW)) ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (window.count() > allowed) {
            long wait = Math.max(1, Duration.between(now, window.start().plus(WINDOW)).toSeconds() + 1);
            SecurityEvents.rateLimited(limit.name(), address, wait);
            throw BusinessException.tooManyRequests("At most " + allowed + " of these requests a minute are answered "
                    + "for one client. Try again in " + wait + " seconds.", wait);
        }
    }
}
