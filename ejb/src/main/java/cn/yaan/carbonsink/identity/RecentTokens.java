package cn.yaan.carbonsink.identity;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Bearer tokens resolved in the last few seconds, so that a gate scanning a queue of tickets or a client polling
 * does not cost a database query per request. Only tokens that were valid are kept, with their expiry, which is
 * checked on every use, for at most {@link #TTL_SECONDS} seconds.
 * <p>
 * Kept in the application's Infinispan cache {@code carbonsink/tokens}: local on one server, an invalidation cache
 * in a cluster (ear/src/main/wildfly/cluster.cli). A node caches what it read for itself only (put for external read:
 * nothing is sent); {@link #forget} (a logout, a revocation) removes the entry on every node before it returns, so a
 * revoked token is refused at once everywhere.
 */
@ApplicationScoped
public class RecentTokens {

    static final long TTL_SECONDS = 10;

    /** What a valid token stands for. */
    public record Grant(Caller caller, Instant expiresAt) {
    }

    private record Entry(Grant grant, long loadedAt) {
    }

    @Resource(lookup = "java:jboss/infinispan/cache/carbonsink/tokens")
    Cache<String, Entry> entries;

    Optional<Caller> get(String tokenHash, Instant now, Function<String, Optional<Grant>> loader) {
        long loadedAt = System.nanoTime();
        Entry entry = entries.get(tokenHash);
        Grant grant;
        if (entry != null && loadedAt - entry.loadedAt() < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            grant = entry.grant();
        } else {
            grant = loader.apply(tokenHash).orElse(null);
            if (grant == null) {
                if (entry != null) {
                    entries.remove(tokenHash);
                }
                return Optional.empty();
            }
            if (entry != null) {
                // An entry too old to use: replaced here only (put for external read does not replace).
                entries.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).remove(tokenHash);
            }
            entries.putForExternalRead(tokenHash, new Entry(grant, loadedAt));
        }
        return now.isBefore(grant.expiresAt()) ? Optional.of(grant.caller()) : Optional.empty();
    }

    void forget(String tokenHash) {
        entries.remove(tokenHash);
    }
}
