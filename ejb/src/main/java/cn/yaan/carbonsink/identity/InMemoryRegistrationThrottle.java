package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.Settings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per address, in this node's memory: {@code carbonsink.registration.burst} attempts (10) at once,
 * then one more every {@code carbonsink.registration.interval} (PT30S). Only registrations that passed validation
 * count, so someone correcting a typo is not held back; a school registering a class behind one address gets the
 * burst and then one a half-minute, an ID-number prober gets 120 an hour instead of 110 a second.
 */
@ApplicationScoped
public class InMemoryRegistrationThrottle implements RegistrationThrottle {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    /** What an address has saved up, in milliseconds of the interval: one attempt costs one interval. */
    private record Bucket(long credit, Instant at) {
    }

    /** Guarded by itself. */
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final long cost;
    private final long full;

    public InMemoryRegistrationThrottle() {
        this(Integer.parseInt(Settings.get("carbonsink.registration.burst", "10")),
                Duration.parse(Settings.get("carbonsink.registration.interval", "PT30S")));
    }

    InMemoryRegistrationThrottle(int burst, Duration interval) {
        this.cost = interval.toMillis();
        this.full = burst * cost;
    }

    @Override
    public long reserve(String address, Instant now) {
        synchronized (buckets) {
            if (buckets.size() >= MAX_TRACKED_ADDRESSES) {
                buckets.values().removeIf(b -> credit(b, now) == full);
                if (buckets.size() >= MAX_TRACKED_ADDRESSES) {
                    buckets.clear();
                }
            }
            Bucket bucket = buckets.get(address);
            long credit = bucket == null ? full : credit(bucket, now);
            if (credit < cost) {
                return Math.max(1, (cost - credit + 999) / 1000);
            }
            buckets.put(address, new Bucket(credit - cost, now));
            return 0;
        }
    }

    private long credit(Bucket bucket, Instant now) {
        return Math.min(full, bucket.credit() + Math.max(0, Duration.between(bucket.at(), now).toMillis()));
    }
}
