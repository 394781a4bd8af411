package cn.yaan.carbonsink.identity;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether accounts with a browser session are still enabled, and when an administrator last changed their access,
 * as read in the last few seconds (at most {@link #TTL_SECONDS}): a session is checked on every request without a
 * query each time. Kept in the application's Infinispan cache {@code carbonsink/accounts}, as tokens are
 * ({@link RecentTokens}): {@link #forget} removes the entry on every node of a cluster before it returns, so an
 * account disabled, given other roles or a new password is refused at once everywhere.
 */
@ApplicationScoped
public class RecentAccounts {

    static final long TTL_SECONDS = 10;

    /** An account's state for its sessions; {@code accessChangedAt} null when never changed. */
    record State(boolean enabled, Instant accessChangedAt) {
    }

    private record Entry(State state, long loadedAt) {
    }

    @Resource(lookup = "java:jboss/infinispan/cache/carbonsink/accounts")
    Cache<String, Entry> entries;

    State get(String username, Function<String, State> loader) {
        long now = System.nanoTime();
        Entry entry = entries.get(username);
        if (entry != null && now - entry.loadedAt() < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            return entry.state();
        }
        State state = loader.apply(username);
        if (entry != null) {
            // Too old to use: replaced on this node only (put for external read does not replace an entry).
            entries.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).remove(username);
        }
        entries.putForExternalRead(username, new Entry(state, now));
        return state;
    }

    void forget(String username) {
        entries.remove(username);
    }
}
