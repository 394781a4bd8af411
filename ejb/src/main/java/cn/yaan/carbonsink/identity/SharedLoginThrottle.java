package cn.yaan.carbonsink.identity;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The login throttle, shared by the nodes of a cluster. Failures are counted for the pair (account, address), for
 * the account and for the address. An attempt is checked at once when its pair has failed fewer than {@value #GRACE}
 * times; otherwise not before the pair's last failure plus {@code min(15 min, 2^(n-1) x 30 s)}, where
 * {@code n = max(pair - 4, account - 19, address - 19)} (at once when {@code n <= 0}). So:
 * <ul>
 *   <li>one address hammering one account gets 5 checks, then waits 30 s, 1 min, 2 min ... up to 15 minutes;</li>
 *   <li>an account attacked from many addresses (20 failures or more) makes each of them wait after its second
 *       failure, longer with every failure of the account; the same for an address failing on many accounts;</li>
 *   <li>an address that has not failed twice on an account is never slowed down by other failures: the owner logs
 *       in from their own address while someone else hammers the account, and people behind one carrier NAT are not
 *       locked out of accounts they did not fail on.</li>
 * </ul>
 * A count is forgotten an hour after its last failure; a success forgets its pair's count.
 * <p>
 * The counts live in the application's Infinispan cache {@code carbonsink/login-failures} (a replicated cache in a
 * cluster, so guesses spread over nodes are counted together; local on one server), each as the text
 * {@code count/last failure}. A pair's attempt is reserved by a conditional replace of the pair's count (compare and
 * set, repeated when another attempt changed it meanwhile), so attempts sent in parallel to any nodes see each other.
 * Without the server (unit tests) the counts are kept in a map of this object.
 */
@ApplicationScoped
public class SharedLoginThrottle implements LoginThrottle {

    static final int GRACE = 2;
    static final int PAIR_FREE = 4;
    static final int SHARED_FREE = 19;
    static final Duration BASE = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofMinutes(15);
    static final Duration MEMORY = Duration.ofHours(1);
    private static final int MAX_TRACKED_KEYS = 100_000;

    /** Bounded by its configuration (ear/src/main/wildfly/configure-server.cli). */
    @Resource(lookup = "java:jboss/infinispan/cache/carbonsink/login-failures")
    Cache<String, String> cache;

    private final ConcurrentMap<String, String> local = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
        static final Failures NONE = new Failures(0, null);

        static Failures parse(String text) {
            if (text == null) {
                return NONE;
            }
            int slash = text.indexOf('/');
            return new Failures(Integer.parseInt(text.substring(0, slash)), Instant.parse(text.substring(slash + 1)));
        }

        String text() {
            return count + "/" + last;
        }
    }

    private ConcurrentMap<String, String> failures() {
        return cache != null ? cache : local;
    }

    @Override
    public long reserve(String username, String address, Instant now) {
        String account = accountKey(username);
        String pair = account + "|" + addressKey(address);
        ConcurrentMap<String, String> failures = failures();
        while (true) {
            String seen = failures.get(pair);
            Failures ofPair = current(seen, now);
            if (ofPair.count() >= GRACE) {
                long n = Math.max(ofPair.count() - PAIR_FREE, Math.max(current(failures.get(account), now).count(),
                        current(failures.get(addressKey(address)), now).count()) - SHARED_FREE);
                if (n > 0) {
                    Instant since = ofPair.last().isAfter(now) ? now : ofPair.last();
                    Duration left = Duration.between(now, since.plus(delay(n)));
                    if (left.compareTo(Duration.ZERO) > 0) {
                        return Math.max(1, (left.toMillis() + 999) / 1000);
                    }
                }
            }
            String next = new Failures(ofPair.count() + 1, now).text();
            if (seen == null ? failures.putIfAbsent(pair, next) == null : failures.replace(pair, seen, next)) {
                break;
            }
        }
        if (cache == null) {
            forgetStaleIfFull(now);
        }
        fail(account, now);
        fail(addressKey(address), now);
        return 0;
    }

    @Override
    public void succeeded(String username, String address) {
        String account = accountKey(username);
        failures().remove(account + "|" + addressKey(address));
        giveBack(account);
        giveBack(addressKey(address));
    }

    /** 30 s, 1 min, 2 min ... for n = 1, 2, 3 ..., at most {@link #CAP}. */
    static Duration delay(long n) {
        if (n > 20) {
            return CAP;
        }
        Duration delay = BASE.multipliedBy(1L << (n - 1));
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    private static Failures current(String text, Instant now) {
        Failures f = Failures.parse(text);
        return stale(f, now) ? Failures.NONE : f;
    }

    private void fail(String key, Instant now) {
        ConcurrentMap<String, String> failures = failures();
        while (true) {
            String seen = failures.get(key);
            String next = new Failures(current(seen, now).count() + 1, now).text();
            if (seen == null ? failures.putIfAbsent(key, next) == null : failures.replace(key, seen, next)) {
                return;
            }
        }
    }

    private void giveBack(String key) {
        ConcurrentMap<String, String> failures = failures();
        while (true) {
            String seen = failures.get(key);
            if (seen == null) {
                return;
            }
            Failures f = Failures.parse(seen);
            boolean done = f.count() <= 1 ? failures.remove(key, seen)
                    : failures.replace(key, seen, new Failures(f.count() - 1, f.last()).text());
            if (done) {
                return;
            }
        }
    }

    private static boolean stale(Failures f, Instant now) {
        return f.last() == null || !f.last().plus(MEMORY).isAfter(now);
    }

    /** Bounded memory whatever is sent (the map of unit tests): stale counts go first, then the oldest quarter. */
    private void forgetStaleIfFull(Instant now) {
        if (local.size() < MAX_TRACKED_KEYS) {
            return;
        }
        local.values().removeIf(text -> stale(Failures.parse(text), now));
        if (local.size() >= MAX_TRACKED_KEYS * 3 / 4) {
            local.entrySet().stream().sorted(Comparator.comparing(e -> Failures.parse(e.getValue()).last()))
                    .limit(local.size() / 4).map(Map.Entry::getKey).toList()
                    .forEach(local::remove);
        }
    }

    private static String accountKey(String username) {
        return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
