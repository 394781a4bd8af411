package cn.yaan.carbonsink.identity;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses logins for an account or from an address that failed {@value #MAX_FAILURES} times within a minute, until
 * the oldest of those failures is a minute old. Kept in memory per node: on several nodes behind a balancer the
 * effective limit is that many times higher, which still stops online password guessing.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** Seconds to wait before the next attempt for this account or address, or 0 when an attempt may go ahead. */
    public long retryAfterSeconds(String username, String address, Instant now) {
        return Math.max(wait(accountKey(username), now), wait(addressKey(address), now));
    }

    public void recordFailure(String username, String address, Instant now) {
        if (failures.size() > MAX_TRACKED_KEYS) {
            failures.entrySet().removeIf(e -> stale(e.getValue(), now));
        }
        add(accountKey(username), now);
        add(addressKey(address), now);
    }

    private long wait(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < MAX_FAILURES) {
                return 0;
            }
            long seconds = Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds() + 1;
            return Math.max(1, seconds);
        }
    }

    private void add(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static boolean stale(Deque<Instant> times, Instant now) {
        synchronized (times) {
            prune(times, now);
            return times.isEmpty();
        }
    }

    private static String accountKey(String username) {
        return "u:" + (username == null ? "" : username.toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
