package cn.yaan.carbonsink.certificate;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Certificates looked up by online verification in the last few seconds (at most {@link #TTL_SECONDS}), so that a
 * gate or a crowd scanning the same codes does not cost a database query each. Kept in the application's Infinispan
 * cache {@code carbonsink/certificates} (local on one server, an invalidation cache in a cluster): a revocation
 * ({@link #forget}) removes the entry on every node before it returns, so no node answers VALID for a certificate
 * revoked on another; the certificate pages and the revocation list always read the database.
 */
@ApplicationScoped
public class RecentCertificates {

    static final long TTL_SECONDS = 5;

    /** {@code certificate} null: no certificate has that number. */
    private record Entry(Certificate certificate, long loadedAt) {
    }

    @Resource(lookup = "java:jboss/infinispan/cache/carbonsink/certificates")
    Cache<String, Entry> entries;

    @Resource
    TransactionSynchronizationRegistry transactions;

    Optional<Certificate> get(String number, Function<String, Optional<Certificate>> loader) {
        long now = System.nanoTime();
        Entry entry = entries.get(number);
        if (entry != null && now - entry.loadedAt() < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            return Optional.ofNullable(entry.certificate());
        }
        Optional<Certificate> loaded = loader.apply(number);
        if (entry != null) {
            // Too old to use: replaced on this node only (put for external read does not replace an entry).
            entries.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).remove(number);
        }
        entries.putForExternalRead(number, new Entry(loaded.orElse(null), now));
        return loaded;
    }

    /**
     * Forgets a certificate on every node now and, inside a transaction, again once it is over: a verification
     * between the two may have cached the state the revoking transaction had not committed yet.
     */
    void forget(String number) {
        entries.remove(number);
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    entries.remove(number);
                }
            });
        }
    }
}
