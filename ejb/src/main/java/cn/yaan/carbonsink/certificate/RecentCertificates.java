package cn.yaan.carbonsink.certificate;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Certificates looked up by online verification in the last few seconds, so that a gate or a crowd scanning the
 * same codes does not cost a database query each. A revocation is seen at once on the node that made it and within
 * {@link #TTL_SECONDS} seconds on every other node (README, Certificates); the certificate pages and the revocation
 * list always read the database.
 */
@ApplicationScoped
public class RecentCertificates {

    static final long TTL_SECONDS = 5;
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Certificate certificate, long loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Optional<Certificate> get(String number, Function<String, Optional<Certificate>> loader) {
        long now = System.nanoTime();
        Entry entry = entries.get(number);
        if (entry != null && now - entry.loadedAt() < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
            return Optional.ofNullable(entry.certificate());
        }
        Optional<Certificate> loaded = loader.apply(number);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(number, new Entry(loaded.orElse(null), now));
        return loaded;
    }

    void forget(String number) {
        entries.remove(number);
    }
}
