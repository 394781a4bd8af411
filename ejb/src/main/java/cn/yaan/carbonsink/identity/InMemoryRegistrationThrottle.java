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

    private record Bucket(double tokens, Instant at) {
    }

    /** Guarded by itself. */
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final int burst;
    private final Duration interval;

    public InMemoryRegistrationThrottle() {
        this(Integer.parseInt(Settings.get("carbonsink.registration.burst", "10")),
                Duration.parse(Settings.get("carbonsink.registration.interval", "PT30S")));
    }

    InMemoryRegistrationThrottle(int burst, Duration interval) {
        this.burst = burst;
        this.interval = interval;
    }

    @Override
    public long reserve(String address, Instant now) {
        synchronized (buckets) {
            if (buckets.size() >= MAX_TRACKED_ADDRESSES) {
                buckets.values().removeIf(b -> tokens(b, now) >= burst);
                if (buckets.size() >= MAX_TRACKED_ADDRESSES) {
                    buckets.clear();
                }
            }
            Bucket bucket = buckets.get(address);
            double tokens = bucket == null ? burst : tokens(bucket, now);
            if (tokens < 1) {
                return Math.max(1, (long) Math.ceil((1 - tokens) * interval.toMillis() / 1000.0));
            }
            buckets.put(address, new Bucket(tokens - 1, now));
            return 0;
        }
    }

    private double tokens(Bucket bucket, Instant now) {
        long elapsed = Math.max(0, Duration.between(bucket.at(), now).toMillis());
        return Math.min(burst, bucket.tokens() + (double) elapsed / interval.toMillis());
    }
}
