package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.it.pay.WeChatPayStub;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling what was paid or is being paid (docs/DOMAIN.md, section 5 and section 7, Refunds and retired units): a
 * paid visit cancelled at least a day ahead is refunded in full, later not at all, its units staying retired either
 * way; a cancelled order's payment is closed at the provider, and a payment racing the cancellation ends paid or
 * refunded, never lost; two requests of one refund at the same moment send it once.
 */
@ServerIT
class CancellationIT {

    private final Api api = Api.server();
    private final WeChatPayStub stub = WeChatPayStub.get();

    private static String tradeNo(String paymentId) {
        return paymentId.replace("-", "");
    }

    private JsonObject order(long id, String token) {
        Api.Reply reply = api.get("/api/v1/orders/" + id, token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonObject await(long orderId, String token, Predicate<JsonObject> done, String what)
            throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject o = order(orderId, token);
        while (!done.test(o) && Instant.now().isBefore(until)) {
            Thread.sleep(500);
            o = order(orderId, token);
        }
        assertThat(done.test(o)).as(what + ": " + o).isTrue();
        return o;
    }

    private void checkout(long orderId, String token) {
        Api.Reply reply = api.postJson("/api/v1/orders/" + orderId + "/checkout",
                "{\"provider\":\"wechat\",\"channel\":\"H5\"}", token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private Api.Reply cancelBooking(String bookingNo, String token) {
        return api.postJson("/api/v1/bookings/" + bookingNo + "/cancellation", "", token);
    }

    private Api.Reply cancelOrder(long orderId, String token) {
        return api.send(Api.authorizedRequest(api.request("/api/v1/orders/" + orderId).DELETE(), token));
    }

    private static boolean refunded(JsonObject order) {
        return order.getJsonArray("refunds").size() == 1
                && order.getJsonArray("refunds").getJsonObject(0).getString("status").equals("SUCCEEDED");
    }

    @Test
    void aVisitPaidByWeChatAndCancelledADayAheadIsRefundedInFullAndItsUnitsStayRetired() throws Exception {
        String citizen = TestCitizens.register(api);
        long slot = TestSites.newSlot(api, "BFX", 10).getJsonNumber("id").longValue();
        Api.Reply booked = api.postJson("/api/v1/bookings", TestSites.booking(slot, 1, TestSites.CAR_TRIP), citizen);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        JsonObject booking = booked.json();
        long orderId = booking.getJsonNumber("orderId").longValue();
        checkout(orderId, citizen);
        assertThat(stub.pay(tradeNo(booking.getString("paymentId")), true)).isTrue();
        String no = booking.getString("bookingNo");
        JsonObject paid = api.get("/api/v1/bookings/" + no, citizen).json();
        assertThat(paid.getString("status")).isEqualTo("CONFIRMED");

        Api.Reply cancelled = cancelBooking(no, citizen);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
        JsonObject order = await(orderId, citizen, CancellationIT::refunded, "the system sends the refund by itself");
        JsonObject refund = order.getJsonArray("refunds").getJsonObject(0);
        assertThat(refund.getString("reason")).isEqualTo("BOOKING_CANCELLED");
        assertThat(refund.getJsonNumber("amountFen").longValue()).isEqualTo(booking.getJsonNumber("amountFen").longValue());
        assertThat(refund.getString("provider")).isEqualTo("wechat");
        assertThat(stub.refund("CSR" + refund.getJsonNumber("id")).orElseThrow().getJsonObject("amount")
                .getJsonNumber("refund").longValue()).isEqualTo(booking.getJsonNumber("amountFen").longValue());
        // The units stay retired, in the visitor's name, and the offset certificate stays valid.
        assertThat(order.getString("status")).isEqualTo("RETIRED");
        assertThat(api.get("/api/v1/public/certificates/" + paid.getString("certificateNo")).json().getString("status"))
                .isEqualTo("VALID");

        // Cancelling again changes nothing and owes nothing more.
        assertThat(cancelBooking(no, citizen).status()).isEqualTo(200);
        assertThat(order(orderId, citizen).getJsonArray("refunds")).hasSize(1);
    }

    @Test
    void aVisitCancelledLessThanADayBeforeItsSlotIsNotRefundedAndOneCancelledEarlierIsOwedInTheDemoToo() {
        TestCitizens.Citizen visitor = TestCitizens.registered(api);
        String citizen = visitor.token();
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        JsonObject early = TestSites.paidBooking(api, citizen, slotId);
        JsonObject late = TestSites.paidBooking(api, citizen, slotId);

        // Cancelled well ahead through the simulated provider: owed, and an officer sends it (the demo's money).
        assertThat(cancelBooking(early.getString("bookingNo"), citizen).status()).isEqualTo(200);
        JsonObject owed = order(early.getJsonNumber("orderId").longValue(), citizen).getJsonArray("refunds")
                .getJsonObject(0);
        assertThat(owed.getString("reason")).isEqualTo("BOOKING_CANCELLED");
        assertThat(owed.getString("status")).isEqualTo("DUE");
        Api.Reply sent = api.postJson("/api/v1/refunds/" + owed.getJsonNumber("id") + "/request", "",
                api.token("officer"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().getString("status")).isEqualTo("SUCCEEDED");

        Instant start = Instant.parse(slot.getString("start"));
        try {
            TestSites.clockAt(api, start.minus(Duration.ofHours(23)));
            String again = api.login(visitor.username(), TestCitizens.PASSWORD);
            Api.Reply cancelled = cancelBooking(late.getString("bookingNo"), again);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
            JsonObject order = order(late.getJsonNumber("orderId").longValue(), again);
            assertThat(order.getString("status")).isEqualTo("RETIRED");
            assertThat(order.getJsonArray("refunds")).isEmpty();
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void aCancelledOrdersPaymentIsClosedAndAPaymentRacingTheCancellationEndsPaidOrRefundedNeverLost()
            throws Exception {
        String citizen = TestCitizens.register(api);
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);

        // Nobody paid: the payment is closed at WeChat Pay, and can no longer be paid.
        JsonObject unpaid = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":10}",
                citizen).json();
        long unpaidId = unpaid.getJsonNumber("id").longValue();
        checkout(unpaidId, citizen);
        assertThat(cancelOrder(unpaidId, citizen).status()).isEqualTo(200);
        String unpaidTrade = tradeNo(unpaid.getString("paymentId"));
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!stub.trade(unpaidTrade).orElseThrow().state.equals("CLOSED") && Instant.now().isBefore(until)) {
            Thread.sleep(500);
        }
        assertThat(stub.trade(unpaidTrade).orElseThrow().state).as("closed at WeChat Pay").isEqualTo("CLOSED");
        assertThat(stub.pay(unpaidTrade, true)).isFalse();

        // The buyer pays while cancelling, for several orders at once.
        int n = 4;
        List<JsonObject> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Api.Reply created = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project
                    + "\",\"quantityKg\":10}", citizen);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            orders.add(created.json());
            checkout(created.json().getJsonNumber("id").longValue(), citizen);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2 * n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> payments = new ArrayList<>();
        List<Future<Integer>> cancellations = new ArrayList<>();
        try {
            for (JsonObject o : orders) {
                payments.add(pool.submit(() -> {
                    go.await();
                    return stub.pay(tradeNo(o.getString("paymentId")), true);
                }));
                cancellations.add(pool.submit(() -> {
                    go.await();
                    return cancelOrder(o.getJsonNumber("id").longValue(), citizen).status();
                }));
            }
            go.countDown();
            for (int i = 0; i < n; i++) {
                payments.get(i).get();
                cancellations.get(i).get();
            }
        } finally {
            pool.shutdownNow();
        }

        long retiredKg = 0;
        for (int i = 0; i < n; i++) {
            JsonObject o = orders.get(i);
            long id = o.getJsonNumber("id").longValue();
            boolean paidAtWeChat = payments.get(i).get();
            int cancel = cancellations.get(i).get();
            assertThat(cancel).isIn(200, 409);
            JsonObject settled = await(id, citizen, s -> s.getString("status").equals("RETIRED")
                    || s.getString("status").equals("CANCELLED") && (!paidAtWeChat || refunded(s)),
                    "order " + id + " ends paid, refunded or unpaid");
            WeChatPayStub.Trade trade = stub.trade(tradeNo(o.getString("paymentId"))).orElseThrow();
            if (settled.getString("status").equals("RETIRED")) {
                // The payment came first: the cancellation was refused and the units are the buyer's.
                assertThat(cancel).isEqualTo(409);
                assertThat(paidAtWeChat).isTrue();
                assertThat(settled.getJsonArray("refunds")).isEmpty();
                retiredKg += 10;
            } else if (paidAtWeChat) {
                // Cancelled first, paid all the same: the whole payment went back, once.
                assertThat(cancel).isEqualTo(200);
                JsonObject refund = settled.getJsonArray("refunds").getJsonObject(0);
                assertThat(refund.getString("reason")).isEqualTo("ORDER_CANCELLED");
                assertThat(refund.getJsonNumber("amountFen").longValue()).isEqualTo(trade.total);
                assertThat(stub.refund("CSR" + refund.getJsonNumber("id"))).isPresent();
                assertThat(trade.state).isEqualTo("SUCCESS");
            } else {
                // Closed before the buyer could pay: no money was taken.
                assertThat(cancel).isEqualTo(200);
                assertThat(trade.state).isEqualTo("CLOSED");
                assertThat(settled.getJsonArray("refunds")).isEmpty();
            }
        }
        JsonObject figures = api.get("/api/v1/public/sink-projects/" + project).json();
        assertThat(figures.getJsonNumber("retiredKg").longValue()).isEqualTo(retiredKg);
        assertThat(figures.getJsonNumber("reservedKg").longValue()).isZero();
    }

    @Test
    void twoRequestsOfOneFailedRefundAtTheSameMomentSendItOnce() throws Exception {
        String citizen = TestCitizens.register(api);
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject o = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":10}",
                citizen).json();
        long id = o.getJsonNumber("id").longValue();
        checkout(id, citizen);
        stub.refuseRefundsWith = "NOT_ENOUGH";
        JsonObject failed;
        try {
            assertThat(stub.pay(tradeNo(o.getString("paymentId")), false)).isTrue();
            assertThat(cancelOrder(id, citizen).status()).isEqualTo(200);
            stub.notifyPayment(tradeNo(o.getString("paymentId")));
            failed = await(id, citizen, s -> s.getJsonArray("refunds").size() == 1 && s.getJsonArray("refunds")
                    .getJsonObject(0).getString("status").equals("FAILED"), "the refund fails").getJsonArray("refunds")
                    .getJsonObject(0);
        } finally {
            stub.refuseRefundsWith = null;
        }
        String refundNo = "CSR" + failed.getJsonNumber("id");
        assertThat(stub.refundRequests.get(refundNo).get()).isEqualTo(1);

        String officer = api.token("officer");
        String second = api.login("officer", Api.DEMO_PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> requests = new ArrayList<>();
        try {
            for (String token : List.of(officer, second)) {
                requests.add(pool.submit(() -> {
                    go.await();
                    return api.postJson("/api/v1/refunds/" + failed.getJsonNumber("id") + "/request", "", token);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> r : requests) {
                statuses.add(r.get().status());
            }
            assertThat(statuses).as(requests.toString()).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        await(id, citizen, CancellationIT::refunded, "the refund requested again succeeds");
        assertThat(stub.refundRequests.get(refundNo).get()).as("sent once more, not twice").isEqualTo(2);
    }
}
