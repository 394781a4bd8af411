package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every POST that moves money, units or places, sent again with its Idempotency-Key as a client does after a lost
 * answer: once, then {@value #PARALLEL} times at the same moment, then once more. Every answer is the first one (same
 * status, same body) and the effect happened once (one order, one retirement, one purchase, one booking; units
 * counted once). The same key with another request is 422. An offline scanner's batch sent twice reports no ticket
 * used at two gates.
 */
@ServerIT
class SafeRetriesIT {

    static final int PARALLEL = 20;

    private final Api api = Api.server();

    // ---------------------------------------------------------------- helpers

    private static HttpRequest.Builder post(Api api, String path, String json, String token, String key) {
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return Api.authorizedRequest(request, token);
    }

    /**
     * Sends the request with one key once, {@value #PARALLEL} times at once, and once more; asserts every answer is
     * the first (status and body) and returns it.
     */
    private Api.Reply sentRepeatedly(String path, String json, String token, int status) throws Exception {
        String key = UUID.randomUUID().toString();
        Callable<Api.Reply> send = () -> api.send(post(api, path, json, token, key));
        Api.Reply first = send.call();
        assertThat(first.status()).as(first.toString()).isEqualTo(status);
        List<Api.Reply> replies = new ArrayList<>(LedgerIT.inParallel(PARALLEL, send));
        replies.add(send.call());
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(status);
            assertThat(r.body()).isEqualTo(first.body());
        });
        // The same key with a different request is refused and changes nothing.
        assertThat(ErrorsIT.problem(api.send(post(api, path, json.replaceFirst("\\d(?=[,}])", "7"), token, key)), 422)
                .getString("type")).endsWith("idempotency-key-reused");
        return first;
    }

    private JsonObject project(String code) {
        return api.get("/api/v1/public/sink-projects/" + code).json();
    }

    private static long kg(JsonObject o, String field) {
        return o.getJsonNumber(field).longValue();
    }

    private int ordersOf(String token) {
        return api.get("/api/v1/orders", token).jsonArray().size();
    }

    // ---------------------------------------------------------------- the ledger

    @Test
    void anOrderSentManyTimesWithOneKeyHoldsItsUnitsOnce() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 50_000);
        String citizen = TestCitizens.register(api);
        JsonObject order = sentRepeatedly("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":120}",
                citizen, 201).json();
        assertThat(kg(order, "quantityKg")).isEqualTo(120);
        assertThat(ordersOf(citizen)).isEqualTo(1);
        assertThat(kg(project(code), "reservedKg")).isEqualTo(120);
        assertThat(kg(project(code), "availableKg")).isEqualTo(50_000 - 120);
    }

    @Test
    void aRetirementSentManyTimesWithOneKeyRetiresOnce() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 50_000);
        JsonObject receipt = sentRepeatedly("/api/v1/retirements", "{\"projectCode\":\"" + code
                        + "\",\"quantityKg\":300,\"beneficiary\":\"雅安茶业有限公司\",\"purpose\":\"DIRECT\"}",
                api.token("officer"), 201).json();
        assertThat(receipt.getJsonArray("serialRanges")).hasSize(1);
        assertThat(kg(project(code), "retiredKg")).isEqualTo(300);
        assertThat(kg(project(code), "availableKg")).isEqualTo(50_000 - 300);
    }

    // ---------------------------------------------------------------- the schemes

    @Test
    void aBookingSentManyTimesWithOneKeyTakesItsPlacesOnce() throws Exception {
        JsonObject slot = TestSites.newSlot(api, "BFX", 30);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = TestCitizens.register(api);
        JsonObject booking = sentRepeatedly("/api/v1/bookings", TestSites.booking(slotId, 2, TestSites.CAR_TRIP),
                citizen, 201).json();
        assertThat(booking.getString("status")).isEqualTo("HELD");
        assertThat(api.get("/api/v1/me/bookings", citizen).jsonArray()).hasSize(1);
        assertThat(ordersOf(citizen)).isEqualTo(1);
        String day = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
        JsonObject now = api.get("/api/v1/public/sites/BFX/slots?date=" + day).jsonArray().stream()
                .map(v -> v.asJsonObject()).filter(s -> s.getJsonNumber("id").longValue() == slotId).findFirst().orElseThrow();
        assertThat(now.getInt("remaining")).isEqualTo(28);
    }

    @Test
    void aDutyPurchaseSentManyTimesWithOneKeyOrdersOnce() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 50_000);
        String citizen = TestCitizens.register(api);
        int year = java.time.LocalDate.now(TestSites.CST).getYear();
        JsonObject purchase = sentRepeatedly("/api/v1/me/obligations/" + year + "/unit-purchases",
                "{\"trees\":3,\"projectCode\":\"" + code + "\"}", citizen, 201).json();
        assertThat(purchase.getInt("trees")).isEqualTo(3);
        assertThat(ordersOf(citizen)).isEqualTo(1);
        assertThat(kg(project(code), "reservedKg")).isEqualTo(kg(purchase, "quantityKg"));
    }

    @Test
    void aCourtsPurchaseSentManyTimesWithOneKeyOrdersOnce() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 500_000);
        String court = api.token("court");
        long id = restorationOrder(court);
        String path = "/api/v1/restoration-orders/" + id + "/purchase?projectCode=" + code;
        String key = UUID.randomUUID().toString();
        Callable<Api.Reply> send = () -> api.send(post(api, path, "", court, key));
        Api.Reply first = send.call();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        List<Api.Reply> replies = new ArrayList<>(LedgerIT.inParallel(PARALLEL, send));
        replies.add(send.call());
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(first.body());
        });
        assertThat(ErrorsIT.problem(api.send(post(api, "/api/v1/restoration-orders/" + id + "/purchase", "", court, key)),
                422).getString("type")).endsWith("idempotency-key-reused");
        JsonObject order = api.get("/api/v1/restoration-orders/" + id, court).json();
        assertThat(order.getJsonNumber("purchaseOrderId").longValue()).isEqualTo(kg(first.json(), "orderId"));
        assertThat(kg(project(code), "reservedKg")).isEqualTo(kg(order, "outstandingKg"));
        // Without a key, a second purchase is the scheme's own refusal.
        assertThat(ErrorsIT.problem(api.send(post(api, path, "", court, null)), 409).getString("type"))
                .endsWith("purchase-pending");
    }

    @Test
    void anOfflinePaymentSentManyTimesWithOneKeyRetiresOnce() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 500_000);
        String court = api.token("court");
        long id = restorationOrder(court);
        JsonObject registered = api.get("/api/v1/restoration-orders/" + id, court).json();
        String receipt = "RT-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject paid = sentRepeatedly("/api/v1/restoration-orders/" + id + "/offline-payment",
                "{\"receiptNo\":\"" + receipt + "\",\"amountFen\":" + kg(registered, "amountFen") + ",\"projectCode\":\""
                        + code + "\"}", court, 200).json();
        assertThat(paid.getString("status")).isEqualTo("FULFILLED");
        assertThat(kg(project(code), "retiredKg")).isEqualTo(kg(registered, "purchaseKg"));
        assertThat(paid.getJsonArray("timeline").stream().map(e -> e.asJsonObject().getString("action"))
                .filter("PAID_OFFLINE"::equals)).hasSize(1);
    }

    private long restorationOrder(String court) {
        Api.Reply registered = api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                RestorationIT.residentId(), "PURCHASE_IN_LIEU", null), court);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().getJsonNumber("id").longValue();
    }

    // ---------------------------------------------------------------- the gate

    @Test
    void anOfflineBatchSentAgainReportsNoTicketUsedTwice() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = TestCitizens.register(api);
        String first = TestSites.paidBooking(api, citizen, slotId).getString("bookingNo");
        String second = TestSites.paidBooking(api, citizen, slotId).getString("bookingNo");
        String firstQr = TestSites.ticket(api, citizen, first);
        String secondQr = TestSites.ticket(api, citizen, second);
        Instant start = Instant.parse(slot.getString("start"));
        try {
            TestSites.clockAt(api, start.plus(Duration.ofMinutes(50)));
            String gate = api.login("gate", Api.DEMO_PASSWORD);
            String batch = "{\"scans\":[" + scan(firstQr, "北门", start.plusSeconds(600), "n-" + UUID.randomUUID())
                    + "," + scan(secondQr, "北门", start.plusSeconds(660), null) + "]}";
            List<String> answered = results(api.postJson("/api/v1/site/check-ins/sync", batch, gate));
            assertThat(answered).containsExactly("ADMITTED", "ADMITTED");
            // The answer was lost; the scanner sends the batch again: the same answers, nothing recorded twice.
            assertThat(results(api.postJson("/api/v1/site/check-ins/sync", batch, gate))).isEqualTo(answered);
            assertThat(conflicts(gate, start, first, second)).isEmpty();

            // The same ticket really shown at another gate is still reported, once however often it is sent.
            String elsewhere = "{\"scans\":[" + scan(firstQr, "南门", start.plusSeconds(900), "n-" + UUID.randomUUID())
                    + "]}";
            assertThat(results(api.postJson("/api/v1/site/check-ins/sync", elsewhere, gate)))
                    .containsExactly("ALREADY_CHECKED_IN");
            assertThat(results(api.postJson("/api/v1/site/check-ins/sync", elsewhere, gate)))
                    .containsExactly("ALREADY_CHECKED_IN");
            assertThat(conflicts(gate, start, first, second)).containsExactly(first + "@南门");

            // A nonce that is not one is refused with the scan's field, and records nothing.
            JsonObject refused = ErrorsIT.problem(api.postJson("/api/v1/site/check-ins/sync", "{\"scans\":["
                    + scan(secondQr, "西门", start.plusSeconds(950), "bad nonce!") + "]}", gate), 400);
            assertThat(refused.toString()).contains("scans[0].nonce");
            assertThat(conflicts(gate, start, first, second)).containsExactly(first + "@南门");
        } finally {
            api.moveClock("PT0S");
        }
    }

    private static String scan(String qr, String gate, Instant at, String nonce) {
        return "{\"qr\":\"" + qr + "\",\"gate\":\"" + gate + "\",\"scannedAt\":\"" + at + "\""
                + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}";
    }

    private static List<String> results(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.jsonArray().stream().map(v -> v.asJsonObject().getString("result")).toList();
    }

    private List<String> conflicts(String gate, Instant start, String... bookings) {
        JsonObject dashboard = api.get("/api/v1/site/dashboard?date=" + start.atZone(TestSites.CST).toLocalDate(), gate)
                .json();
        List<String> ours = List.of(bookings);
        return dashboard.getJsonArray("conflicts").stream().map(v -> v.asJsonObject())
                .filter(c -> ours.contains(c.getString("bookingNo")))
                .map(c -> c.getString("bookingNo") + "@" + c.getString("gate")).toList();
    }
}
