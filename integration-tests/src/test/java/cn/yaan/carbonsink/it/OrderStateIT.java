package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment state machine of orders and bookings on the real server, including what happens when its events
 * arrive at the same moment: an order is paid or cancelled, never both; no certificate without its units; a payment
 * is applied once however often it is reported; money that buys nothing is owed back; a booking's places follow its
 * status; one account cannot hold a project's stock unpaid. Every race ends with the ledger's self-check passing.
 */
@ServerIT
class OrderStateIT {

    private final Api api = Api.server();

    // ---------------------------------------------------------------- helpers

    private JsonObject order(String token, String project, long kg) {
        Api.Reply reply = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":" + kg + "}", token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private Api.Reply paySimulated(String token, String paymentId) {
        return api.postJson("/api/v1/payments/" + paymentId + "/simulated-confirmation", "", token);
    }

    private Api.Reply cancelOrder(String token, long id) {
        return api.postJson("/api/v1/orders/" + id + "/cancellation", "", token);
    }

    private JsonObject get(String path, String token) {
        Api.Reply reply = api.get(path, token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static String notification(String paymentId, long amountFen, String status) {
        return Json.createObjectBuilder().add("notificationId", UUID.randomUUID().toString()).add("paymentId", paymentId)
                .add("amountFen", amountFen).add("status", status).build().toString();
    }

    private Api.Reply callback(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LedgerIT.SIMULATED_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            return api.send(api.request("/api/v1/payments/callbacks/simulated").header("Content-Type", "application/json")
                    .header("X-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** issued, available, reserved, retired of a project. */
    private List<Long> figures(String code) {
        JsonObject p = get("/api/v1/public/sink-projects/" + code, null);
        return List.of(p.getJsonNumber("issuedKg").longValue(), p.getJsonNumber("availableKg").longValue(),
                p.getJsonNumber("reservedKg").longValue(), p.getJsonNumber("retiredKg").longValue());
    }

    /** The ledger's self-check on everything the server holds: every check passes. */
    private void assertLedgerConsistent() {
        JsonObject report = get("/api/v1/ledger/verification", api.token("admin"));
        assertThat(report.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> !c.getBoolean("ok")).map(JsonObject::toString).toList()).as("failed checks").isEmpty();
        assertThat(report.getBoolean("ok")).isTrue();
    }

    private static void assertNoServerError(List<Api.Reply> replies) {
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isLessThan(500));
    }

    // ---------------------------------------------------------------- orders

    @Test
    void cancelAndPayAtTheSameMomentEndPaidOrCancelledNeverBoth() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String citizen = TestCitizens.register(api);
        int retired = 0;
        for (int i = 0; i < 20; i++) {
            JsonObject order = order(citizen, code, 10);
            long id = order.getJsonNumber("id").longValue();
            List<Api.Reply> replies = LedgerIT.inParallel(List.<Callable<Api.Reply>>of(
                    () -> cancelOrder(citizen, id), () -> paySimulated(citizen, order.getString("paymentId"))));
            assertNoServerError(replies);
            Api.Reply cancelled = replies.get(0);
            Api.Reply paid = replies.get(1);
            assertThat(cancelled.status() == 200 ^ paid.status() == 200).as("exactly one of " + replies).isTrue();
            JsonObject after = get("/api/v1/orders/" + id, citizen);
            if (paid.status() == 200) {
                retired++;
                assertThat(after.getString("status")).isEqualTo("RETIRED");
                assertThat(ErrorsIT.problem(cancelled, 409).getString("type")).endsWith("order-not-pending");
                JsonObject retirement = after.getJsonObject("retirement");
                assertThat(TestProjects.ranges(List.of(retirement)).stream().mapToLong(r -> r[1] - r[0] + 1).sum())
                        .as("the retirement's serial ranges").isEqualTo(10);
                JsonObject certificate = get("/api/v1/public/certificates/" + retirement.getString("certificateNo"), null);
                assertThat(certificate.getJsonNumber("quantityKg").longValue()).isEqualTo(10);
            } else {
                assertThat(after.getString("status")).isEqualTo("CANCELLED");
                assertThat(after.get("retirement")).as("no retirement").isIn(null, jakarta.json.JsonValue.NULL);
                assertThat(ErrorsIT.problem(paid, 409).getString("type")).endsWith("order-cancelled");
            }
        }
        assertThat(figures(code)).containsExactly(1_000L, 1_000L - 10L * retired, 0L, 10L * retired);
        assertLedgerConsistent();
    }

    @Test
    void aPaymentIsAppliedOnceHoweverOftenAndHoweverAtOnceItIsReported() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String citizen = TestCitizens.register(api);

        JsonObject clicked = order(citizen, code, 10);
        List<Api.Reply> clicks = LedgerIT.inParallel(8, () -> paySimulated(citizen, clicked.getString("paymentId")));
        assertThat(clicks).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().getString("status")).isEqualTo("RETIRED");
        });

        JsonObject notified = order(citizen, code, 20);
        String body = notification(notified.getString("paymentId"), notified.getJsonNumber("amountFen").longValue(), "SUCCESS");
        List<Api.Reply> notifications = LedgerIT.inParallel(8, () -> callback(body));
        assertThat(notifications).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().getString("status")).isEqualTo("RETIRED");
        });
        assertThat(get("/api/v1/orders/" + notified.getJsonNumber("id"), citizen).getJsonArray("refunds")).isEmpty();
        assertThat(figures(code)).containsExactly(1_000L, 970L, 0L, 30L);
        assertLedgerConsistent();
    }

    @Test
    void anOrderSentAgainWithItsIdempotencyKeyIsPlacedOnce() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String citizen = TestCitizens.register(api);
        String key = UUID.randomUUID().toString();
        String body = "{\"projectCode\":\"" + code + "\",\"quantityKg\":10}";
        Callable<Api.Reply> send = () -> api.send(Api.authorizedRequest(api.request("/api/v1/orders")
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)), citizen));
        List<Api.Reply> replies = new ArrayList<>(LedgerIT.inParallel(6, send));
        replies.add(send.call());
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(replies.stream().map(r -> r.json().getJsonNumber("id").longValue()).distinct()).hasSize(1);
        assertThat(figures(code)).containsExactly(1_000L, 990L, 10L, 0L);
        assertThat(ErrorsIT.problem(api.send(Api.authorizedRequest(api.request("/api/v1/orders")
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("10}", "11}"))), citizen)), 422)
                .getString("type")).endsWith("idempotency-key-reused");
        assertLedgerConsistent();
    }

    @Test
    void moneyThatBuysNothingIsOwedBackNeverAbsorbed() {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String citizen = TestCitizens.register(api);

        // A second, different payment of a paid order.
        JsonObject paid = order(citizen, code, 10);
        long amount = paid.getJsonNumber("amountFen").longValue();
        assertThat(callback(notification(paid.getString("paymentId"), amount, "SUCCESS")).status()).isEqualTo(200);
        String second = notification(paid.getString("paymentId"), amount, "SUCCESS");
        Api.Reply duplicate = callback(second);
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);
        assertThat(duplicate.json().getString("status")).isEqualTo("RETIRED");
        assertThat(callback(second).status()).as("the same second payment again").isEqualTo(200);
        JsonObject afterDuplicate = get("/api/v1/orders/" + paid.getJsonNumber("id"), citizen);
        assertThat(afterDuplicate.getJsonArray("refunds")).hasSize(1);
        JsonObject refund = afterDuplicate.getJsonArray("refunds").getJsonObject(0);
        assertThat(refund.getString("reason")).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(refund.getString("status")).isEqualTo("DUE");
        assertThat(refund.getJsonNumber("amountFen").longValue()).isEqualTo(amount);

        // A payment of a cancelled order: the checkout refuses it, a provider's report of money taken is owed back.
        JsonObject cancelled = order(citizen, code, 10);
        assertThat(cancelOrder(citizen, cancelled.getJsonNumber("id").longValue()).status()).isEqualTo(200);
        assertThat(ErrorsIT.problem(paySimulated(citizen, cancelled.getString("paymentId")), 409).getString("type"))
                .endsWith("order-cancelled");
        Api.Reply late = callback(notification(cancelled.getString("paymentId"),
                cancelled.getJsonNumber("amountFen").longValue(), "SUCCESS"));
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        assertThat(late.json().getString("status")).isEqualTo("CANCELLED");
        assertThat(get("/api/v1/orders/" + cancelled.getJsonNumber("id"), citizen).getJsonArray("refunds").getJsonObject(0)
                .getString("reason")).isEqualTo("ORDER_CANCELLED");

        // A failed payment changes nothing; the order can still be paid.
        JsonObject failing = order(citizen, code, 10);
        Api.Reply failed = callback(notification(failing.getString("paymentId"),
                failing.getJsonNumber("amountFen").longValue(), "FAILED"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        assertThat(failed.json().getString("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(paySimulated(citizen, failing.getString("paymentId")).json().getString("status")).isEqualTo("RETIRED");

        assertThat(figures(code)).containsExactly(1_000L, 980L, 0L, 20L);
        assertLedgerConsistent();
    }

    @Test
    void oneAccountCannotHoldMoreThanTheLimitsUnpaid() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 10_000);
        String officer = api.token("officer");
        JsonObject before = get("/api/v1/order-limits", officer);
        try {
            Api.Reply changed = api.putJson("/api/v1/order-limits", "{\"maxPendingOrders\":3,\"maxPendingKg\":100}", officer);
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            String citizen = TestCitizens.register(api);

            JsonObject first = order(citizen, code, 60);
            Api.Reply tooMuch = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":41}", citizen);
            assertThat(ErrorsIT.problem(tooMuch, 409).getString("type")).endsWith("pending-limit");
            assertThat(ErrorsIT.problem(tooMuch, 409).getString("detail")).contains("60 kg");
            order(citizen, code, 30);
            order(citizen, code, 10);
            Api.Reply tooMany = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":1}", citizen);
            assertThat(ErrorsIT.problem(tooMany, 409).getString("detail")).contains("3 unpaid orders");
            assertThat(cancelOrder(citizen, first.getJsonNumber("id").longValue()).status()).isEqualTo(200);

            // At the same moment: of ten orders of 10 kg with one place left under the limit, one is taken.
            List<Api.Reply> storm = LedgerIT.inParallel(10, () -> api.postJson("/api/v1/orders",
                    "{\"projectCode\":\"" + code + "\",\"quantityKg\":10}", citizen));
            assertNoServerError(storm);
            assertThat(storm.stream().filter(r -> r.status() == 201)).hasSize(1);
            assertThat(storm.stream().filter(r -> r.status() != 201)).allSatisfy(r ->
                    assertThat(ErrorsIT.problem(r, 409).getString("type")).endsWith("pending-limit"));
            assertThat(figures(code).get(2)).as("held").isEqualTo(50L);

            assertThat(ErrorsIT.problem(api.putJson("/api/v1/order-limits", "{\"maxPendingOrders\":0,\"maxPendingKg\":100}",
                    officer), 400).toString()).contains("maxPendingOrders");
            assertThat(api.putJson("/api/v1/order-limits", "{\"maxPendingOrders\":3,\"maxPendingKg\":100}",
                    citizen).status()).isEqualTo(403);
        } finally {
            assertThat(api.putJson("/api/v1/order-limits", before.toString(), officer).status()).isEqualTo(200);
        }
        assertLedgerConsistent();
    }

    // ---------------------------------------------------------------- bookings

    private Api.Reply book(String token, long slotId) {
        return api.postJson("/api/v1/bookings", TestSites.booking(slotId, 1, TestSites.CAR_TRIP), token);
    }

    private int remaining(JsonObject slot) {
        String date = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
        return api.get("/api/v1/public/sites/BFX/slots?date=" + date).jsonArray().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getJsonNumber("id").longValue() == slot.getJsonNumber("id").longValue())
                .findFirst().orElseThrow().getInt("remaining");
    }

    private Api.Reply cancelBooking(String token, String no) {
        return api.postJson("/api/v1/bookings/" + no + "/cancellation", "", token);
    }

    @Test
    void cancellingAnUnpaidBookingCancelsItAndGivesThePlacesBack() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        String citizen = TestCitizens.register(api);
        JsonObject booking = book(citizen, slot.getJsonNumber("id").longValue()).json();
        assertThat(remaining(slot)).isEqualTo(9);

        Api.Reply cancelled = cancelBooking(citizen, booking.getString("bookingNo"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
        assertThat(get("/api/v1/bookings/" + booking.getString("bookingNo"), citizen).getString("status"))
                .as("as stored").isEqualTo("CANCELLED");
        assertThat(get("/api/v1/orders/" + booking.getJsonNumber("orderId"), citizen).getString("status")).isEqualTo("CANCELLED");
        assertThat(remaining(slot)).isEqualTo(10);
        assertThat(ErrorsIT.problem(paySimulated(citizen, booking.getString("paymentId")), 409).getString("type"))
                .endsWith("order-cancelled");
        assertLedgerConsistent();
    }

    @Test
    void cancellingABookingWhileItIsPaidEndsConfirmedOrCancelledWithItsPlacesRight() throws Exception {
        JsonObject slot = TestSites.newSlot(api, "BFX", 40);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = TestCitizens.register(api);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            JsonObject booking = book(citizen, slotId).json();
            String no = booking.getString("bookingNo");
            List<Api.Reply> replies = LedgerIT.inParallel(List.<Callable<Api.Reply>>of(
                    () -> cancelBooking(citizen, no), () -> paySimulated(citizen, booking.getString("paymentId"))));
            assertNoServerError(replies);
            JsonObject after = get("/api/v1/bookings/" + no, citizen);
            JsonObject order = get("/api/v1/orders/" + booking.getJsonNumber("orderId"), citizen);
            // Paid first, then cancelled (places back, offset retired), or cancelled before any payment.
            if (order.getString("status").equals("RETIRED")) {
                assertThat(after.getString("certificateNo")).isNotBlank();
                assertThat(replies.get(1).status()).isEqualTo(200);
            } else {
                assertThat(order.getString("status")).isEqualTo("CANCELLED");
                assertThat(after.get("certificateNo")).as("no certificate").isIn(null, jakarta.json.JsonValue.NULL);
            }
            assertThat(after.getString("status")).as(replies.toString()).isIn("CANCELLED", "CONFIRMED");
            outcomes.add(after.getString("status"));
        }
        long holding = outcomes.stream().filter("CONFIRMED"::equals).count();
        assertThat(remaining(slot)).as("places of " + outcomes).isEqualTo(40 - (int) holding);
        assertLedgerConsistent();
    }

    @Test
    void aPartyCheckedInCannotBeCancelled() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        TestCitizens.Citizen visitor = TestCitizens.registered(api);
        String citizen = visitor.token();
        JsonObject booking = book(citizen, slot.getJsonNumber("id").longValue()).json();
        String no = booking.getString("bookingNo");
        assertThat(paySimulated(citizen, booking.getString("paymentId")).status()).isEqualTo(200);
        String qr = get("/api/v1/bookings/" + no + "/ticket", citizen).getString("qr");
        try {
            // Twenty minutes before the slot: the gate admits (from 30 minutes before), a cancellation is still "before".
            TestSites.clockAt(api, Instant.parse(slot.getString("start")).minus(Duration.ofMinutes(20)));
            Api.Reply admitted = api.postJson("/api/v1/site/check-ins", "{\"qr\":\"" + qr + "\",\"gate\":\"东门\"}",
                    api.login("gate", Api.DEMO_PASSWORD));
            assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
            String fresh = api.login(visitor.username(), TestCitizens.PASSWORD);
            assertThat(ErrorsIT.problem(cancelBooking(fresh, no), 409).getString("type")).endsWith("booking-checked-in");
            assertThat(get("/api/v1/bookings/" + no, fresh).getString("status")).isEqualTo("CONFIRMED");
        } finally {
            api.moveClock("PT0S");
        }
        assertThat(remaining(slot)).isEqualTo(9);
    }

    // ---------------------------------------------------------------- restoration orders

    @Test
    void aBankReceiptSettlesOneRestorationOrder() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 100_000);
        String court = api.token("court");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Reply registered = api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                    RestorationIT.residentId(), "PURCHASE_IN_LIEU", null), court);
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            ids.add(registered.json().getJsonNumber("id").longValue());
        }
        String receipt = "RC-" + UUID.randomUUID().toString().substring(0, 8);
        String payment = "{\"receiptNo\":\"" + receipt + "\",\"amountFen\":95336,\"projectCode\":\"" + project + "\"}";
        Api.Reply first = api.postJson("/api/v1/restoration-orders/" + ids.get(0) + "/offline-payment", payment, court);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/restoration-orders/" + ids.get(1) + "/offline-payment",
                payment.replace(receipt, receipt.toLowerCase()), court), 409).getString("type")).endsWith("receipt-used");

        // Two clerks recording one new receipt for two orders at the same moment: one of them succeeds.
        String shared = payment.replace(receipt, receipt + "-B");
        List<Api.Reply> both = LedgerIT.inParallel(List.<Callable<Api.Reply>>of(
                () -> api.postJson("/api/v1/restoration-orders/" + ids.get(1) + "/offline-payment", shared, court),
                () -> api.postJson("/api/v1/restoration-orders/" + ids.get(2) + "/offline-payment", shared, court)));
        assertNoServerError(both);
        assertThat(both.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(both.stream().filter(r -> r.status() == 409)).hasSize(1);
        assertLedgerConsistent();
    }
}
