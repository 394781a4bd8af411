package cn.yaan.carbonsink.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The login throttle of one node, in memory. Failures are counted for the pair (account, address), for the account
 * and for the address. An attempt is checked at once when its pair has failed fewer than {@value #GRACE} times;
 * otherwise not before the pair's last failure plus {@code min(15 min, 2^(n-1) x 30 s)}, where
 * {@code n = max(pair - 4, account - 19, address - 19)} (at once when {@code n <= 0}). So:
 * <ul>
 *   <li>one address hammering one account gets 5 checks, then waits 30 s, 1 min, 2 min ... up to 15 minutes;</li>
 *   <li>an account attacked from many addresses (20 failures or more) makes each of them wait after its second
 *       failure, longer with every failure of the account; the same for an address failing on many accounts;</li>
 *   <li>an address that has not failed twice on an account is never slowed down by other failures: the owner logs
 *       in from their own address while someone else hammers the account, and people behind one carrier NAT are not
 *       locked out of accounts they did not fail on.</li>
 * </ul>
 * A count is forgotten an hour after its last failure; a success forgets its pair's count. With several nodes
 * behind a balancer each node counts on its own (a cluster-wide store can implement {@link LoginThrottle}).
 */
@ApplicationScoped
public class InMemoryLoginThrottle implements LoginThrottle {

    static final int GRACE = 2;
    static final int PAIR_FREE = 4;
    static final int SHARED_FREE = 19;
    static final Duration BASE = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofMinutes(15);
    static final Duration MEMORY = Duration.ofHours(1);
    private static final int MAX_TRACKED_KEYS = 100_000;

    private static final class Failures {
        int count;
        Instant last;
    }

    /** Guarded by itself: every operation is a few map look-ups, far cheaper than the hash it protects. */
    private final Map<String, Failures> failures = new HashMap<>();

    @Override
    public long reserve(String username, String address, Instant now) {
        String account = accountKey(username);
        String pair = account + "|" + addressKey(address);
        synchronized (failures) {
            Failures ofPair = current(pair, now);
            if (ofPair.count >= GRACE) {
                long n = Math.max(ofPair.count - PAIR_FREE, Math.max(current(account, now).count,
                        current(addressKey(address), now).count) - SHARED_FREE);
                if (n > 0) {
                    Instant since = ofPair.last.isAfter(now) ? now : ofPair.last;
                    Duration left = Duration.between(now, since.plus(delay(n)));
                    if (left.compareTo(Duration.ZERO) > 0) {
                        return Math.max(1, (left.toMillis() + 999) / 1000);
                    }
                }
            }
            forgetStaleIfFull(now);
            fail(pair, now);
            fail(account, now);
            fail(addressKey(address), now);
            return 0;
        }
    }

    @Override
    public void succeeded(String username, String address) {
        String account = accountKey(username);
        synchronized (failures) {
            failures.remove(account + "|" + addressKey(address));
            giveBack(account);
            giveBack(addressKey(address));
        }
    }

    /** 30 s, 1 min, 2 min ... for n = 1, 2, 3 ..., at most {@link #CAP}. */
    static Duration delay(long n) {
        if (n > 20) {
            return CAP;
        }
        Duration delay = BASE.multipliedBy(1L << (n - 1));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    private Failures current(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || stale(f, now)) {
            return new Failures();
        }
        return f;
    }

    private void fail(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || stale(f, now)) {
            f = new Failures();
            failures.put(key, f);
        }
        f.count++;
        f.last = now;
    }

    private void giveBack(String key) {
        Failures f = failures.get(key);
        if (f != null && --f.count <= 0) {
            failures.remove(key);
        }
    }

    private static boolean stale(Failures f, Instant now) {
        return f.last == null || !f.last.plus(MEMORY).isAfter(now);
    }

    /** Bounded memory whatever is sent: stale counts go first, then the oldest quarter. */
    private void forgetStaleIfFull(Instant now) {
        if (failures.size() < MAX_TRACKED_KEYS) {
            return;
        }
        failures.values().removeIf(f -> stale(f, now));
        if (failures.size() >= MAX_TRACKED_KEYS * 3 / 4) {
            failures.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().last))
                    .limit(failures.size() / 4).map(Map.Entry::getKey).toList()
                    .forEach(failures::remove);
        }
    }

    private static String accountKey(String username) {
        return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
