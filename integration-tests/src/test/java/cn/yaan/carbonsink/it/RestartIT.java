package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is written stays written: data survives a graceful restart and a SIGKILL of the server (H2 file mode by
 * default, PostgreSQL with -Ppostgresql), also in the middle of a burst of retirements, purchases and bookings. Uses its own
 * server copy, so the suite's server is not disturbed.
 */
class RestartIT {

    @Test
    void accountWrittenBeforeRestartAndCrashIsStillThere() throws Exception {
        String username = "restart" + UUID.randomUUID().toString().substring(0, 8);
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            Api api = server.api();
            String admin = api.login("admin", Api.DEMO_PASSWORD);
            Api.Reply created = api.postJson("/api/v1/admin/accounts", "{\"username\":\"" + username
                    + "\",\"password\":\"Secret#123\",\"roles\":[\"CITIZEN\"]}", admin);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            server.stop();
            server.start();
            assertThat(api.login(username, "Secret#123")).isNotBlank();
            assertThat(api.get("/api/v1/me", admin).status()).as("tokens survive a restart").isEqualTo(200);

            server.kill();
            server.start();
            assertThat(api.login(username, "Secret#123")).isNotBlank();
            assertThat(api.login("admin", Api.DEMO_PASSWORD)).as("demo data is loaded once, not again").isNotBlank();
        }
    }

    /**
     * SIGKILL in the middle of a burst of retirements (project A) and purchases (orders paid through the simulated
     * provider, every third one left unpaid; project B). After the restart: every retirement and every paid order
     * a client was told about is there with the same serial ranges; the requests that got no answer (a connection
     * lost after the kill; any error answer, or a lost connection before the kill, fails the test), sent again with
     * their Idempotency-Key, retire at most once; ranges stay disjoint; inventories add up to the kilograms the
     * clients know were sold; the unpaid holds still expire; the audit chain verifies. Bookings run alongside: the
     * confirmed ones stay confirmed with their certificates and the slot never counts more places than are held.
     */
    @Test
    void aCrashDuringRetirementsAndPurchasesLosesNothingAndSellsNothingTwice() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String retiring = "CRASH-A" + suffix;
        String buying = "CRASH-B" + suffix;
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            Api api = server.api();
            String officer = api.token("officer");
            String citizen = api.token("citizen");
            TestProjects.projectWithIssuance(api, retiring, 1_000_000);
            TestProjects.projectWithIssuance(api, buying, 1_000_000);
            JsonObject slot = TestSites.newSlot(api, "BFX", BOOKING_CAPACITY);
            long slotId = slot.getJsonNumber("id").longValue();
            Map<String, JsonObject> confirmed = new ConcurrentHashMap<>();

            Map<String, JsonObject> acknowledged = new ConcurrentHashMap<>();
            Set<String> unanswered = ConcurrentHashMap.newKeySet();
            Map<Integer, JsonObject> paid = new ConcurrentHashMap<>();
            Set<Integer> orders = ConcurrentHashMap.newKeySet();
            // Every answer before the crash must be a success: a 500 under load is not the crash.
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(18); // 8 retiring, 8 buying, 2 booking
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (true) {
                        String key = UUID.randomUUID().toString();
                        Api.Reply reply;
                        try {
                            reply = retire(api, officer, retiring, key);
                        } catch (RuntimeException e) {
                            if (lostToTheCrash(e, killed, failures)) {
                                unanswered.add(key);
                            }
                            return;
                        }
                        if (reply.status() != 201) {
                            failures.add("retirement: " + reply);
                            return;
                        }
                        acknowledged.put(key, reply.json());
                    }
                });
                clients.submit(() -> {
                    try {
                        for (int n = 0; ; n++) {
                            Api.Reply order = api.postJson("/api/v1/orders",
                                    "{\"projectCode\":\"" + buying + "\",\"quantityKg\":50}", citizen);
                            if (order.status() != 201) {
                                failures.add("order: " + order);
                                return;
                            }
                            orders.add(order.json().getInt("id"));
                            if (n % 3 == 2) {
                                continue; // left unpaid: its hold must expire, crash or not
                            }
                            Api.Reply payment = api.postJson("/api/v1/payments/" + order.json().getString("paymentId")
                                    + "/simulated-confirmation", "", citizen);
                            if (payment.status() != 200) {
                                failures.add("payment: " + payment);
                                return;
                            }
                            paid.put(order.json().getInt("id"), payment.json());
                        }
                    } catch (RuntimeException e) {
                        lostToTheCrash(e, killed, failures);
                    }
                });
            }
            for (int c = 0; c < 2; c++) {
                clients.submit(() -> {
                    try {
                        for (int n = 0; ; n++) {
                            Api.Reply booking = api.postJson("/api/v1/bookings",
                                    TestSites.booking(slotId, 1, TestSites.CAR_TRIP), citizen);
                            if (booking.status() != 201) {
                                if (booking.status() != 409 || !booking.body().contains("slot-full")) {
                                    failures.add("booking: " + booking);
                                }
                                return; // a full slot ends this client
                            }
                            if (n % 2 == 1) {
                                continue; // left unpaid: its places must come back, crash or not
                            }
                            Api.Reply payment = api.postJson("/api/v1/payments/" + booking.json().getString("paymentId")
                                    + "/simulated-confirmation", "", citizen);
                            if (payment.status() != 200) {
                                failures.add("booking payment: " + payment);
                                return;
                            }
                            confirmed.put(booking.json().getString("bookingNo"), api.get("/api/v1/bookings/"
                                    + booking.json().getString("bookingNo"), citizen).json());
                        }
                    } catch (RuntimeException e) {
                        lostToTheCrash(e, killed, failures);
                    }
                });
            }
            Instant loaded = Instant.now().plusSeconds(180);
            while (acknowledged.size() < 40 || paid.size() < 20 || confirmed.size() < 5) {
                assertThat(failures).as("answers under load, before the crash").isEmpty();
                assertThat(Instant.now()).as("the load made progress before the crash: " + acknowledged.size()
                        + " retirements, " + paid.size() + " paid orders, " + confirmed.size() + " bookings")
                        .isBefore(loaded);
                Thread.sleep(50);
            }
            killed.set(true);
            server.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(failures).as("only a lost connection after the kill may go unanswered").isEmpty();
            server.start();

            // Retirements: requests that got no answer are sent again with the same key.
            Map<String, JsonObject> all = new TreeMap<>(acknowledged);
            for (String key : unanswered) {
                Api.Reply again = retire(api, officer, retiring, key);
                assertThat(again.status()).as(again.toString()).isEqualTo(201);
                all.put(key, again.json());
            }
            for (JsonObject ack : acknowledged.values()) {
                Api.Reply stored = api.get("/api/v1/public/retirements/" + ack.getJsonNumber("id"));
                assertThat(stored.status()).as("acknowledged retirement " + ack).isEqualTo(200);
                assertThat(stored.json().getJsonArray("serialRanges")).isEqualTo(ack.getJsonArray("serialRanges"));
            }
            TestProjects.assertDisjoint(all.values());
            assertThat(all.values().stream().map(r -> r.getJsonNumber("id").longValue()).distinct().count())
                    .as("one retirement per key").isEqualTo(all.size());
            assertFigures(api, retiring, 100L * all.size());

            // Purchases: every paid order is still retired with the same serials.
            for (Map.Entry<Integer, JsonObject> p : paid.entrySet()) {
                JsonObject now = api.get("/api/v1/orders/" + p.getKey(), citizen).json();
                assertThat(now.getString("status")).isEqualTo("RETIRED");
                assertThat(now.getJsonObject("retirement").getJsonArray("serialRanges"))
                        .isEqualTo(p.getValue().getJsonObject("retirement").getJsonArray("serialRanges"));
            }
            // Bookings: every confirmed one is still confirmed with its certificate; the slot counts exactly the
            // places of the bookings that hold them, never more than its capacity.
            for (JsonObject b : confirmed.values()) {
                JsonObject now = api.get("/api/v1/bookings/" + b.getString("bookingNo"), citizen).json();
                assertThat(now.getString("status")).isEqualTo("CONFIRMED");
                assertThat(now.getString("certificateNo")).isEqualTo(b.getString("certificateNo"));
            }
            assertThat(BOOKING_CAPACITY - remaining(api, slot)).as("places taken").isEqualTo(holding(api, citizen, slotId));

            // The unpaid holds expire after the restart too.
            api.moveClock("PT16M");
            Instant deadline = Instant.now().plusSeconds(60);
            while (api.get("/api/v1/public/sink-projects/" + buying).json().getJsonNumber("reservedKg").longValue() > 0) {
                assertThat(Instant.now()).as("holds released within a minute").isBefore(deadline);
                Thread.sleep(500);
            }
            List<JsonObject> retiredOrders = new ArrayList<>();
            for (int id : orders) {
                JsonObject order = api.get("/api/v1/orders/" + id, citizen).json();
                assertThat(order.getString("status")).isIn("RETIRED", "EXPIRED");
                if (order.getString("status").equals("RETIRED")) {
                    retiredOrders.add(order.getJsonObject("retirement"));
                }
            }
            assertThat(retiredOrders.size()).isGreaterThanOrEqualTo(paid.size());
            // Only this slot's bookings: on PostgreSQL the schema is shared with other tests' bookings.
            while (BOOKING_CAPACITY - remaining(api, slot) != holding(api, citizen, slotId)
                    || api.get("/api/v1/me/bookings", citizen).jsonArray().stream().map(b -> b.asJsonObject())
                    .anyMatch(b -> b.getJsonNumber("slotId").longValue() == slotId && b.getString("status").equals("HELD"))) {
                assertThat(Instant.now()).as("booking holds released within a minute").isBefore(deadline.plusSeconds(60));
                Thread.sleep(500);
            }
            assertThat(holding(api, citizen, slotId)).isGreaterThanOrEqualTo(confirmed.size());
            TestProjects.assertDisjoint(retiredOrders);
            assertFigures(api, buying, 50L * retiredOrders.size());
            assertThat(api.get("/api/v1/ledger/verification", api.login("admin", Api.DEMO_PASSWORD)).json()
                    .getBoolean("ok")).isTrue();
        }
    }

    private static final int BOOKING_CAPACITY = 60;

    /**
     * Whether a client's exception is the crash: a connection lost (refused, reset or timed out) after the kill. Any
     * other exception, or one before the kill, is recorded as a failure.
     */
    private static boolean lostToTheCrash(RuntimeException e, AtomicBoolean killed, List<String> failures) {
        if (killed.get() && e instanceof UncheckedIOException) {
            return true;
        }
        failures.add((killed.get() ? "after" : "before") + " the kill: " + e);
        return false;
    }

    private static int remaining(Api api, JsonObject slot) {
        String date = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
        return api.get("/api/v1/public/sites/BFX/slots?date=" + date).jsonArray().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getJsonNumber("id").longValue() == slot.getJsonNumber("id").longValue())
                .findFirst().orElseThrow().getInt("remaining");
    }

    /** Places held by the citizen's unpaid and confirmed bookings in the slot (all bookings here are of one visitor). */
    private static long holding(Api api, String citizen, long slotId) {
        return api.get("/api/v1/me/bookings", citizen).jsonArray().stream().map(v -> v.asJsonObject())
                .filter(b -> b.getJsonNumber("slotId").longValue() == slotId)
                .filter(b -> b.getString("status").equals("HELD") || b.getString("status").equals("CONFIRMED")).count();
    }

    /** Retired kg is what the clients know was sold; nothing is reserved; the identity holds. */
    private static void assertFigures(Api api, String code, long retiredKg) {
        JsonObject project = api.get("/api/v1/public/sink-projects/" + code).json();
        assertThat(project.getJsonNumber("retiredKg").longValue()).as("retired kg of " + code).isEqualTo(retiredKg);
        assertThat(project.getJsonNumber("availableKg").longValue() + project.getJsonNumber("reservedKg").longValue()
                + project.getJsonNumber("retiredKg").longValue()).isEqualTo(1_000_000);
    }

    private static Api.Reply retire(Api api, String token, String code, String key) {
        return api.send(Api.authorized(api.request("/api/v1/retirements").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("projectCode", code).add("quantityKg", 100).add("beneficiary", "雅安茶业有限公司")
                        .add("purpose", "DIRECT").build().toString(), StandardCharsets.UTF_8)), token));
    }
}
