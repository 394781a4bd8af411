package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster as README "Cluster" starts it: two nodes on standalone-ha.xml (JGroups over TCP on loopback,
 * Infinispan) sharing the suite's PostgreSQL schema, behind WildFly's own balancer (standalone-load-balancer.xml,
 * mod_cluster). One run, one crash: node A, the oldest member and so the one that runs the scheduled jobs, is killed
 * with SIGKILL in the middle of a booking storm sent through the balancer, while a signed-in person is half-way
 * through the booking page whose session lives on A. Shown: a logout and a revocation on A are seen on B at once;
 * wrong passwords sent to both nodes are throttled together; B does not run the jobs while A lives; the storm's counts are exact; the person finishes the booking through the
 * balancer without signing in again; after the crash B runs the expiry job and releases every hold once.
 * The nodes need no suite server: the first migrates the suite's schema. The embedded H2 default is one node by
 * design, so this runs with -Ppostgresql only (as TwoNodesIT).
 */
class ClusterIT {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    /** Deploying on a loaded machine can take longer than WildFly's default 300 s for the boot. */
    private static final String BOOT_TIMEOUT = "-Djboss.as.management.blocking.timeout=1200";
    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"(book:[^\"]+)\"[^>]*value=\"([^\"]*)\"");

    @Test
    void twoNodesBehindTheBalancerSurviveTheKillOfTheNodeThatRunsTheJobs() throws Exception {
        RequiredSuites.assumeAvailable(RequiredSuites.POSTGRESQL, TestDatabase.postgresql(),
                "a cluster needs PostgreSQL (run with -Ppostgresql)");
        int base = Integer.getInteger("it.port.offset", 10000);
        int offsetA = base + 1000;
        int offsetB = base + 2000;
        int offsetBalancer = base + 3000;
        Path homes = Path.of(System.getProperty("it.cluster.home"));
        Map<String, String> cluster = Map.of(
                "CARBONSINK_CLUSTER_MEMBER_1_PORT", String.valueOf(7600 + offsetA),
                "CARBONSINK_CLUSTER_MEMBER_2_PORT", String.valueOf(7600 + offsetB),
                "CARBONSINK_BALANCER_PORT", String.valueOf(8090 + offsetBalancer));
        try (ServerProcess balancer = ServerProcess.copy(homes.resolve("balancer"), "standalone-load-balancer.xml",
                offsetBalancer);
             ServerProcess nodeA = ServerProcess.copy(homes.resolve("a"), "standalone-ha.xml", offsetA,
                     "-Djboss.node.name=node-a", BOOT_TIMEOUT);
             ServerProcess nodeB = ServerProcess.copy(homes.resolve("b"), "standalone-ha.xml", offsetB,
                     "-Djboss.node.name=node-b", BOOT_TIMEOUT)) {
            balancer.startWith(Map.of());
            // A first: the oldest member coordinates the cluster and runs the jobs. B is launched once A is a
            // member, and both deploy at the same time.
            nodeA.launchOnly(with(cluster, "CARBONSINK_NODE_ID", "carbonsink-a"));
            Instant joined = Instant.now().plus(Duration.ofMinutes(8));
            while (nodeA.log().stream().noneMatch(line -> line.contains("WFLYCLJG0033"))) {
                assertThat(Instant.now()).as("A connected to the cluster").isBefore(joined);
                Thread.sleep(500);
            }
            nodeB.launchOnly(with(cluster, "CARBONSINK_NODE_ID", "carbonsink-b"));
            nodeA.awaitReady();
            nodeB.awaitReady();
            Api a = nodeA.api();
            Api b = nodeB.api();
            Api front = balancer.api();
            awaitBothNodesBehind(front);

            logoutAndRevocationOnAAreSeenOnBAtOnce(a, b);
            guessesSpreadOverTheNodesAreCountedTogether(a, b);

            // Unpaid holds that only the node running the jobs may release. B's clock is past their expiry, A's is
            // not: while A lives nothing is released (B's timer fires and does nothing).
            String project = TestProjects.newCode();
            TestProjects.projectWithIssuance(a, project, 1_000);
            for (int i = 0; i < 5; i++) {
                Api.Reply order = b.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":100}",
                        b.token("citizen"));
                assertThat(order.status()).as(order.toString()).isEqualTo(201);
            }
            b.moveClock("PT16M");
            Thread.sleep(12_000);
            assertThat(reservedKg(b, project)).as("B does not run the expiry job while A leads").isEqualTo(500);
            b.moveClock("PT0S");

            // A person signs in through the balancer and starts a booking; the session lives on A.
            JsonObject journey = TestSites.newSlot(a, "BFX", 5);
            long journeySlot = journey.getJsonNumber("id").longValue();
            WebSession person = sessionOn(front, "node-a");
            String page = person.get("/account/book.xhtml?slot=" + journeySlot).body();
            Map<String, String> form = formOf(page);
            form.put("book:add", "");
            Api.Reply added = post(front, person, "/account/book.xhtml?slot=" + journeySlot, form);
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            assertThat(added.body()).contains("book:party:1:name");
            Map<String, String> filled = formOf(added.body());

            // The storm through the balancer, and A killed in its middle.
            JsonObject stormSlotJson = TestSites.newSlot(a, "BFX", 20);
            long stormSlot = stormSlotJson.getJsonNumber("id").longValue();
            String citizen = a.token("citizen");
            AtomicInteger answered = new AtomicInteger();
            List<Callable<Api.Reply>> storm = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = UUID.randomUUID().toString();
                storm.add(() -> {
                    Api.Reply reply = bookUntilAnswered(front, citizen, stormSlot, key);
                    answered.incrementAndGet();
                    return reply;
                });
            }
            List<Api.Reply> replies = inParallelKilling(storm, answered, 40, nodeA);

            Set<String> booked = new TreeSet<>();
            replies.stream().filter(r -> r.status() == 201).forEach(r -> booked.add(r.json().getString("bookingNo")));
            assertThat(booked).as("distinct bookings").hasSize(20);
            assertThat(replies.stream().filter(r -> r.status() != 201)).hasSize(180).allSatisfy(r ->
                    assertThat(ErrorsIT.problem(r, 409).getString("type")).endsWith("slot-full"));
            assertThat(remaining(b, stormSlotJson)).isZero();

            // The person finishes the booking through the balancer, without signing in again: B has the session
            // and the page's view (two rows in the party, added on A).
            filled.put("book:party:0:name", "张三");
            filled.put("book:party:0:idNumber", TestSites.residentId("19800101", 11));
            filled.put("book:party:1:name", "李四");
            filled.put("book:party:1:idNumber", TestSites.residentId("19850202", 12));
            filled.put("book:submit", "");
            Api.Reply submitted = post(front, person, "/account/book.xhtml?slot=" + journeySlot, filled);
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(302);
            assertThat(submitted.header("Location").orElseThrow()).contains("/account/booking.xhtml").contains("no=");
            assertThat(remaining(b, journey)).as("a party of two booked").isEqualTo(3);

            // B now runs the jobs: with its clock past the expiry every hold is released, each once.
            try {
                b.moveClock("PT16M");
                Instant deadline = Instant.now().plusSeconds(120);
                while (reservedKg(b, project) > 0 || remaining(b, stormSlotJson) < 20) {
                    assertThat(Instant.now()).as("holds released by B within two minutes").isBefore(deadline);
                    Thread.sleep(500);
                }
                assertThat(remaining(b, stormSlotJson)).as("each place given back once").isEqualTo(20);
                assertThat(b.get("/api/v1/public/sink-projects/" + project).json().getJsonNumber("availableKg")
                        .longValue()).isEqualTo(1_000);
            } finally {
                b.moveClock("PT0S");
            }
            assertThat(b.get("/api/v1/ledger/verification", b.token("admin")).json().getBoolean("ok")).isTrue();
        }
    }

    /** B caches a token and a certificate's answer; A logs the token out and revokes the certificate. */
    private static void logoutAndRevocationOnAAreSeenOnBAtOnce(Api a, Api b) {
        String token = a.login("officer", Api.DEMO_PASSWORD);
        assertThat(b.get("/api/v1/me", token).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/me", token).status()).as("now answered from B's cache").isEqualTo(200);
        Api.Reply logout = a.send(Api.authorizedRequest(a.request("/api/v1/auth/token").DELETE(), token));
        assertThat(logout.status()).as(logout.toString()).isIn(200, 204);
        assertThat(b.get("/api/v1/me", token).status()).as("the token logged out on A, on B").isEqualTo(401);

        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(a, code, 1_000);
        Api.Reply retired = a.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 250).add("beneficiary", "雅安茶业有限公司").add("purpose", "DIRECT").build().toString(),
                a.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        String number = retired.json().getString("certificateNo");
        String scanned = a.get("/api/v1/public/certificates/" + number).json().getString("verifyUrl");
        assertThat(verify(b, scanned)).isEqualTo("VALID");
        assertThat(verify(b, scanned)).as("now answered from B's cache").isEqualTo("VALID");
        Api.Reply revoked = a.postJson("/api/v1/certificates/" + number + "/revocation", "{\"reason\":\"判决撤销\"}",
                a.token("admin"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(verify(b, scanned)).as("revoked on A, verified on B").isEqualTo("REVOKED");
    }

    /** Five wrong passwords for one account from one address, alternating nodes: the sixth waits on both. */
    private static void guessesSpreadOverTheNodesAreCountedTogether(Api a, Api b) {
        String attacker = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            Api node = i % 2 == 0 ? a : b;
            assertThat(login(node, "officer", "guess-" + i, attacker).status()).as("guess " + i).isEqualTo(401);
        }
        ErrorsIT.problem(login(b, "officer", "guess-5", attacker), 429);
        ErrorsIT.problem(login(a, "officer", Api.DEMO_PASSWORD, attacker), 429);
        assertThat(login(b, "officer", Api.DEMO_PASSWORD, "198.51.100.251").status()).as("the owner elsewhere")
                .isEqualTo(200);
    }

    private static Api.Reply login(Api api, String username, String password, String address) {
        return api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("username", username).add("password", password).build().toString(), StandardCharsets.UTF_8)));
    }

    private static String verify(Api api, String scanned) {
        Api.Reply reply = api.postJson("/api/v1/public/verifications",
                Json.createObjectBuilder().add("qr", scanned).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getString("status");
    }

    /** The balancer sends requests to both nodes: new sessions are made on each of them. */
    private static void awaitBothNodesBehind(Api front) throws InterruptedException {
        Set<String> routes = new TreeSet<>();
        Instant deadline = Instant.now().plusSeconds(90);
        while (routes.size() < 2) {
            assertThat(Instant.now()).as("both nodes registered with the balancer, seen: " + routes).isBefore(deadline);
            try {
                Api.Reply page = front.get("/login.xhtml");
                if (page.status() == 200) {
                    routes.add(route(WebSession.sessionCookie(page)));
                    continue;
                }
            } catch (RuntimeException | AssertionError notYet) {
                // not registered yet
            }
            Thread.sleep(1000);
        }
        assertThat(routes).containsExactly("node-a", "node-b");
    }

    /** Signs in through the balancer until the session is made on {@code node}. */
    private static WebSession sessionOn(Api front, String node) {
        for (int i = 0; i < 40; i++) {
            try {
                WebSession session = WebSession.login(front, "citizen", Api.DEMO_PASSWORD);
                if (route(session.cookie()).equals(node)) {
                    return session;
                }
            } catch (AssertionError balancerBusy) {
                // the balancer had no node for a moment; sign in again
            }
        }
        throw new AssertionError("no session made on " + node);
    }

    /** The node a session cookie (JSESSIONID=id.route) is bound to. */
    private static String route(String cookie) {
        return cookie.substring(cookie.lastIndexOf('.') + 1);
    }

    /** The booking form's fields as the page shows them, with its view state and nonce. */
    private static Map<String, String> formOf(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("book", "book");
        Matcher input = INPUT.matcher(page);
        while (input.find()) {
            fields.put(input.group(1).replace("&#58;", ":"), input.group(2));
        }
        fields.keySet().removeIf(name -> name.endsWith(":add") || name.endsWith(":remove") || name.endsWith(":submit")
                || name.endsWith(":myself") || name.endsWith(":addPicked"));
        fields.put("book:mode", "CAR");
        fields.put("jakarta.faces.ViewState", WebSession.first(VIEW_STATE, page));
        Matcher nonce = NONCE.matcher(page);
        if (nonce.find()) {
            fields.put("primefaces.nonce", nonce.group(1));
        }
        return fields;
    }

    /**
     * A form posted as the page's browser posts it, through the balancer; sent again while the balancer answers
     * itself that it has no node for it (it has dropped a node that was slow to answer its health check).
     */
    private static Api.Reply post(Api front, WebSession session, String path, Map<String, String> fields)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Api.Reply reply = front.send(session.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(WebSession.form(fields), StandardCharsets.UTF_8)));
            if (reply.status() != 503 || Instant.now().isAfter(deadline)) {
                return reply;
            }
            Thread.sleep(1000);
        }
    }

    /**
     * One booking through the balancer, sent again with the same idempotency key while the answer is not the
     * application's (the connection was cut or the balancer found no node): a request A committed before it died is
     * answered with what it made, one it did not commit is made once by B.
     */
    private static Api.Reply bookUntilAnswered(Api front, String token, long slotId, String key)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            try {
                Api.Reply reply = front.send(Api.authorizedRequest(front.request("/api/v1/bookings")
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(TestSites.booking(slotId, 1, TestSites.CAR_TRIP),
                                StandardCharsets.UTF_8)), token));
                if (reply.status() == 201 || reply.status() == 409 && reply.contentType().startsWith("application/problem+json")) {
                    return reply;
                }
            } catch (UncheckedIOException cut) {
                // the node died under the request
            }
            assertThat(Instant.now()).as("booking answered within two minutes").isBefore(deadline);
            Thread.sleep(500);
        }
    }

    /** Runs the tasks at once; when {@code after} of them are answered, kills {@code node} with SIGKILL. */
    private static List<Api.Reply> inParallelKilling(List<Callable<Api.Reply>> tasks, AtomicInteger answered,
            int after, ServerProcess node) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (Callable<Api.Reply> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            Instant deadline = Instant.now().plusSeconds(120);
            while (answered.get() < after) {
                assertThat(Instant.now()).as(after + " bookings answered").isBefore(deadline);
                Thread.sleep(20);
            }
            node.kill();
            List<Api.Reply> results = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long reservedKg(Api api, String project) {
        return api.get("/api/v1/public/sink-projects/" + project).json().getJsonNumber("reservedKg").longValue();
    }

    private static int remaining(Api api, JsonObject slot) {
        String date = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
        return api.get("/api/v1/public/sites/BFX/slots?date=" + date).jsonArray().stream()
                .map(v -> v.asJsonObject())
                .filter(s -> s.getJsonNumber("id").longValue() == slot.getJsonNumber("id").longValue())
                .findFirst().orElseThrow().getInt("remaining");
    }

    private static Map<String, String> with(Map<String, String> map, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(name, value);
        return copy;
    }
}
