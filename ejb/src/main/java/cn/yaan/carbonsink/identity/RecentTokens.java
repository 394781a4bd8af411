package cn.yaan.carbonsink.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Bearer tokens resolved in the last few seconds, so that a gate scanning a queue of tickets or a client polling
 * does not cost a database query per request. Only tokens that were valid are kept, with their expiry, which is
 * checked on every use. A revoked token (logout) is refused at once on the node that revoked it and within
 * {@link #TTL_SECONDS} seconds on every other node.
 */
@ApplicationScoped
public class RecentTokens {

    static final long TTL_SECONDS = 10;
    private static final int MAX_ENTRIES = 100_000;

    /** What a valid token stands for. */
    public record Grant(Caller caller, Instant expiresAt) {
    }

    private record Entry(Grant grant, long loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Optional<Caller> get(String tokenHash, Instant now, Function<String, Optional<Grant>> loader) {
        long loadedAt = System.nanoTime();
        Entry entry = entries.get(tokenHash);
        Grant grant;
        if (entry != null && loadedAt - entry.loadedAt() < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            grant = entry.grant();
        } else {
            grant = loader.apply(tokenHash).orElse(null);
            if (grant == null) {
                entries.remove(tokenHash);
                return Optional.empty();
            }
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(tokenHash, new Entry(grant, loadedAt));
        }
        return now.isBefore(grant.expiresAt()) ? Optional.of(grant.caller()) : Optional.empty();
    }

    void forget(String tokenHash) {
        entries.remove(tokenHash);
    }
}
