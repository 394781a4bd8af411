package cn.yaan.carbonsink.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether accounts with a browser session are still enabled, and when an administrator last changed their access,
 * as read in the last few seconds: a session is checked on every request without a query each time. An account
 * disabled, given other roles or a new password is refused at once on the node that changed it and within
 * {@link #TTL_SECONDS} seconds on every other node, as tokens are ({@link RecentTokens}).
 */
@ApplicationScoped
public class RecentAccounts {

    static final long TTL_SECONDS = 10;
    private static final int MAX_ENTRIES = 100_000;

    /** An account's state for its sessions; {@code accessChangedAt} null when never changed. */
    record State(boolean enabled, Instant accessChangedAt) {
    }

    private record Entry(State state, long loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    State get(String username, Function<String, State> loader) {
        long now = System.nanoTime();
        Entry entry = entries.get(username);
        if (entry != null && now - entry.loadedAt() < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            return entry.state();
        }
        State state = loader.apply(username);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(username, new Entry(state, now));
        return state;
    }

    void forget(String username) {
        entries.remove(username);
    }
}
