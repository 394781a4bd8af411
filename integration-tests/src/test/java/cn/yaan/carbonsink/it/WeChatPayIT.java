package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.it.pay.WeChatPayStub;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paying through WeChat Pay on the real server, against a local server that speaks WeChat Pay API v3 and signs as the
 * platform does with keys made for this run ({@link WeChatPayStub}): the server's official SDK signs its requests,
 * verifies the answers and notifications with the platform's public key and decrypts them, unmodified. Covers paying,
 * duplicate and forged notifications, a wrong amount, a notification that never comes (query), expiry closing the
 * payment and racing it, and refunds that succeed and fail.
 */
@ServerIT
class WeChatPayIT {

    private final Api api = Api.server();
    private final WeChatPayStub stub = WeChatPayStub.get();

    private JsonObject order(String project, long kg) {
        Api.Reply reply = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":" + kg
                + "}", api.token("citizen"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonObject checkout(JsonObject order, String channel) {
        Api.Reply reply = api.postJson("/api/v1/orders/" + order.getJsonNumber("id") + "/checkout",
                "{\"provider\":\"wechat\",\"channel\":\"" + channel + "\"}", api.token("citizen"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonObject get(JsonObject order) {
        Api.Reply reply = api.get("/api/v1/orders/" + order.getJsonNumber("id"), api.token("citizen"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonObject await(JsonObject order, Predicate<JsonObject> done, String what) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject o = get(order);
        while (!done.test(o) && Instant.now().isBefore(until)) {
            Thread.sleep(500);
            o = get(order);
        }
        assertThat(done.test(o)).as(what + ": " + o).isTrue();
        return o;
    }

    private static String tradeNo(JsonObject order) {
        return order.getString("paymentId").replace("-", "");
    }

    @Test
    void aPhonePaysByH5AndTheNotificationRetiresTheUnitsOnce() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject order = order(project, 10);
        JsonObject checkout = checkout(order, "H5");
        assertThat(checkout.getString("channel")).isEqualTo("H5");
        assertThat(checkout.getString("url")).contains("/h5pay?").contains("out_trade_no=" + tradeNo(order))
                .contains("redirect_url=");
        WeChatPayStub.Trade trade = stub.trade(tradeNo(order)).orElseThrow();
        assertThat(trade.total).isEqualTo(order.getJsonNumber("amountFen").longValue());

        assertThat(stub.pay(tradeNo(order), true)).isTrue();
        JsonObject paid = get(order);
        assertThat(paid.getString("status")).isEqualTo("RETIRED");
        assertThat(paid.getString("provider")).isEqualTo("wechat");
        assertThat(paid.getString("transactionId")).isEqualTo(trade.transactionId);
        assertThat(paid.getJsonObject("retirement").getJsonNumber("quantityKg").longValue()).isEqualTo(10);

        // WeChat Pay repeats a notification until it is acknowledged: the repeat changes nothing.
        assertThat(stub.notifyPayment(tradeNo(order))).isEqualTo(200);
        JsonObject again = get(order);
        assertThat(again.getString("status")).isEqualTo("RETIRED");
        assertThat(again.getJsonArray("refunds")).isEmpty();
        assertThat(api.get("/api/v1/public/sink-projects/" + project).json().getJsonNumber("retiredKg").longValue())
                .isEqualTo(10);
    }

    @Test
    void aDesktopGetsANativeQrCode() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject order = order(project, 5);
        JsonObject checkout = checkout(order, "NATIVE");
        assertThat(checkout.getString("qrText")).startsWith("weixin://wxpay/bizpayurl?pr=");
        assertThat(stub.trade(tradeNo(order)).orElseThrow().tradeType).isEqualTo("NATIVE");
    }

    @Test
    void aForgedSignatureAndAWrongAmountChangeNothing() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject order = order(project, 10);
        checkout(order, "H5");
        assertThat(stub.pay(tradeNo(order), false)).isTrue();
        JsonObject paid = stub.transactionOf(tradeNo(order));

        // Signed with another key than the platform's: refused, as a caller who is not WeChat Pay.
        assertThat(stub.notifyWith(tradeNo(order), paid, true)).isEqualTo(401);
        assertThat(get(order).getString("status")).isEqualTo("PENDING_PAYMENT");

        // Signed and encrypted correctly, but for another amount than the order's.
        JsonObject wrongAmount = Json.createObjectBuilder(paid).add("amount", Json.createObjectBuilder()
                .add("total", paid.getJsonObject("amount").getJsonNumber("total").longValue() + 1)
                .add("currency", "CNY")).build();
        assertThat(stub.notifyWith(tradeNo(order), wrongAmount, false)).isEqualTo(422);
        assertThat(get(order).getString("status")).isEqualTo("PENDING_PAYMENT");

        // The true notification pays it.
        assertThat(stub.notifyPayment(tradeNo(order))).isEqualTo(200);
        assertThat(get(order).getString("status")).isEqualTo("RETIRED");
    }

    @Test
    void aNotificationThatNeverCameIsFoundByQuery() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject order = order(project, 10);
        checkout(order, "H5");
        assertThat(stub.pay(tradeNo(order), false)).isTrue();
        assertThat(get(order).getString("status")).isEqualTo("PENDING_PAYMENT");

        Api.Reply check = api.postJson("/api/v1/orders/" + order.getJsonNumber("id") + "/payment-check", "",
                api.token("citizen"));
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().getString("status")).isEqualTo("RETIRED");
        assertThat(check.json().getString("transactionId"))
                .isEqualTo(stub.trade(tradeNo(order)).orElseThrow().transactionId);
        // The notification arriving late afterwards is the same payment: applied once.
        assertThat(stub.notifyPayment(tradeNo(order))).isEqualTo(200);
        assertThat(get(order).getJsonArray("refunds")).isEmpty();
    }

    @Test
    void expiryClosesThePaymentAndAPaymentThatGotThroughFirstStillPays() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject unpaid = order(project, 10);
        checkout(unpaid, "H5");
        JsonObject paidLate = order(project, 20);
        checkout(paidLate, "NATIVE");
        // Paid at WeChat Pay, but the notification is lost: the expiry job finds it when it tries to close.
        assertThat(stub.pay(tradeNo(paidLate), false)).isTrue();
        try {
            api.moveClock("PT16M");
            await(unpaid, o -> o.getString("status").equals("EXPIRED"), "the unpaid order expires");
            assertThat(stub.trade(tradeNo(unpaid)).orElseThrow().state).isEqualTo("CLOSED");
            // Closed at WeChat Pay: nobody can pay for units that went back.
            assertThat(stub.pay(tradeNo(unpaid), true)).isFalse();
            JsonObject late = await(paidLate, o -> o.getString("status").equals("RETIRED"),
                    "the payment that got through before the close pays its order");
            assertThat(late.getJsonArray("refunds")).isEmpty();
        } finally {
            api.moveClock("PT0S");
        }
        JsonObject figures = api.get("/api/v1/public/sink-projects/" + project).json();
        assertThat(figures.getJsonNumber("retiredKg").longValue()).isEqualTo(20);
        assertThat(figures.getJsonNumber("reservedKg").longValue()).isZero();
    }

    @Test
    void moneyForACancelledOrderGoesBackAndAFailedRefundIsRequestedAgainByAnOfficer() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);

        // Cancelled, then paid at WeChat Pay all the same: the system sends the money back by itself.
        JsonObject cancelled = order(project, 10);
        checkout(cancelled, "H5");
        // Paid at WeChat Pay, the notification arriving after the cancellation (which closes the payment within
        // seconds).
        assertThat(stub.pay(tradeNo(cancelled), false)).isTrue();
        Api.Reply cancel = api.send(Api.authorizedRequest(api.request("/api/v1/orders/"
                + cancelled.getJsonNumber("id")).DELETE(), api.token("citizen")));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        stub.notifyPayment(tradeNo(cancelled));
        JsonObject refunded = await(cancelled, o -> o.getJsonArray("refunds").size() == 1 && o.getJsonArray("refunds")
                .getJsonObject(0).getString("status").equals("SUCCEEDED"), "the refund succeeds");
        JsonObject refund = refunded.getJsonArray("refunds").getJsonObject(0);
        assertThat(refund.getString("reason")).isEqualTo("ORDER_CANCELLED");
        assertThat(refund.getString("provider")).isEqualTo("wechat");
        assertThat(refund.getString("providerRefundId")).isNotBlank();
        assertThat(stub.refund("CSR" + refund.getJsonNumber("id")).orElseThrow().getString("status"))
                .isEqualTo("SUCCESS");

        // The merchant account cannot pay it back: the refund fails with WeChat Pay's reason.
        stub.refuseRefundsWith = "NOT_ENOUGH";
        JsonObject second;
        try {
            JsonObject other = order(project, 10);
            checkout(other, "H5");
            assertThat(stub.pay(tradeNo(other), false)).isTrue();
            api.send(Api.authorizedRequest(api.request("/api/v1/orders/" + other.getJsonNumber("id")).DELETE(),
                    api.token("citizen")));
            stub.notifyPayment(tradeNo(other));
            second = await(other, o -> o.getJsonArray("refunds").size() == 1 && o.getJsonArray("refunds")
                    .getJsonObject(0).getString("status").equals("FAILED"), "the refund fails");
        } finally {
            stub.refuseRefundsWith = null;
        }
        JsonObject failed = second.getJsonArray("refunds").getJsonObject(0);
        assertThat(failed.getString("failure")).contains("NOT_ENOUGH");
        long id = failed.getJsonNumber("id").longValue();
        Api.Reply list = api.get("/api/v1/refunds?status=FAILED", api.token("officer"));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.jsonArray().stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()))
                .contains(id);

        // An officer requests it again once the account has money: it succeeds.
        Api.Reply again = api.postJson("/api/v1/refunds/" + id + "/request", "", api.token("officer"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().getString("requestedBy")).isEqualTo("officer");
        await(second, o -> o.getJsonArray("refunds").getJsonObject(0).getString("status").equals("SUCCEEDED"),
                "the refund requested again succeeds");
        // Requested twice: refused, nothing sent twice.
        Api.Reply twice = api.postJson("/api/v1/refunds/" + id + "/request", "", api.token("officer"));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().getString("type")).endsWith("refund-not-due");
    }
}
