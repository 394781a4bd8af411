package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle under attack, on the real server: a parallel burst of wrong passwords gets at most five real
 * password checks (the check is reserved before the slow hash), while the owner still logs in from another address
 * and people behind one carrier NAT address are not locked out of accounts they did not fail on.
 */
@ServerIT
class LoginThrottleIT {

    private static final String PASSWORD = "Owner#2026x";
    private final Api api = Api.server();

    /** A fresh account, so that no other test's logins meet this one's. */
    private String account() {
        String username = "owner" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.postJson("/api/v1/admin/accounts", Json.createObjectBuilder().add("username", username)
                .add("password", PASSWORD).add("roles", Json.createArrayBuilder().add("CITIZEN")).build().toString(),
                api.token("admin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private Api.Reply login(String username, String password, String address) {
        return api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("username", username).add("password", password).build().toString())));
    }

    /** Sends the attempts all at once from {@code threads} threads and answers their statuses. */
    private List<Api.Reply> atOnce(int threads, List<String[]> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (String[] a : attempts) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return login(a[0], a[1], a[2]);
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                replies.add(f.get(3, TimeUnit.MINUTES));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aParallelBurstOfWrongPasswordsGetsAtMostFiveRealChecks() throws Exception {
        String username = account();
        String attacker = address();
        List<String[]> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(new String[]{username, "guess-" + i + "-x", attacker});
        }
        List<Api.Reply> replies = atOnce(40, burst);
        long checked = replies.stream().filter(r -> r.status() == 401).count();
        assertThat(checked).as("passwords really checked").isBetween(1L, 5L);
        for (Api.Reply refused : replies.stream().filter(r -> r.status() != 401).toList()) {
            ErrorsIT.problem(refused, 429);
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        }
        // The right password from the attacking address waits too: the throttle does not tell guesses apart.
        assertThat(login(username, PASSWORD, attacker).status()).isEqualTo(429);
        assertThat(login(username, PASSWORD, address()).status()).as("the owner elsewhere").isEqualTo(200);
    }

    @Test
    void theOwnerLogsInFromTheirOwnAddressWhileOthersHammerTheAccount() throws Exception {
        String username = account();
        List<String[]> attack = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            attack.add(new String[]{username, "guess-" + i + "-y", "203.0.113." + (1 + i % 12)});
        }
        List<Api.Reply> replies = atOnce(12, attack);
        assertThat(replies).as("the attack is slowed down").anyMatch(r -> r.status() == 429);
        String owner = address();
        // A typo first, then the right password: neither is held back by the attackers' failures.
        assertThat(login(username, "typo-" + PASSWORD, owner).status()).isEqualTo(401);
        Api.Reply in = login(username, PASSWORD, owner);
        assertThat(in.status()).as(in.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", in.json().getString("token")).json().getString("username")).isEqualTo(username);
    }

    @Test
    void aCarrierNatAddressIsNotLockedOutOfAccountsItDidNotFailOn() {
        String nat = address();
        for (int i = 0; i < 30; i++) {
            String sprayed = "sprayed" + UUID.randomUUID().toString().substring(0, 8);
            login(sprayed, "Summer2026!", nat);
            login(sprayed, "Winter2026!", nat);
        }
        String neighbour = account();
        Api.Reply in = login(neighbour, PASSWORD, nat);
        assertThat(in.status()).as(in.toString()).isEqualTo(200);
    }
}
