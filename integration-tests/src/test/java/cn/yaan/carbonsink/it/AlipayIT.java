package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.it.pay.AlipayStub;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paying through Alipay on the real server, against a local server that speaks Alipay's gateway and signs as Alipay
 * does with keys made for this run ({@link AlipayStub}): the official SDK signs the requests and verifies the
 * answers, and the notifications are verified with Alipay's public key. Covers mobile web pay, a repeated, a forged and
 * a wrong-amount notification, a lost notification found by query, expiry closing the trade, and refunds.
 */
@ServerIT
class AlipayIT {

    private final Api api = Api.server();
    private final AlipayStub stub = AlipayStub.get();

    private JsonObject order(String project, long kg) {
        Api.Reply reply = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":" + kg
                + "}", api.token("citizen"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    /** Starts the payment and follows the signed address to Alipay's cashier, as the phone's browser does. */
    private String checkout(JsonObject order) throws Exception {
        Api.Reply reply = api.postJson("/api/v1/orders/" + order.getJsonNumber("id") + "/checkout",
                "{\"provider\":\"alipay\",\"channel\":\"WAP\"}", api.token("citizen"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String url = reply.json().getString("url");
        assertThat(url).startsWith("http://127.0.0.1:" + stub.port() + "/gateway.do?").contains("alipay.trade.wap.pay");
        HttpResponse<String> cashier = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cashier.statusCode()).as(cashier.body()).isEqualTo(200);
        assertThat(cashier.body()).contains("确认付款");
        return tradeNo(order);
    }

    private static String tradeNo(JsonObject order) {
        return order.getString("paymentId").replace("-", "");
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

    @Test
    void aPhonePaysAtAlipaysCashierAndTheNotificationRetiresTheUnitsOnce() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject order = order(project, 10);
        String no = checkout(order);
        String amount = new BigDecimal(order.getJsonNumber("amountFen").longValue()).movePointLeft(2).toPlainString();
        assertThat(new BigDecimal(stub.trade(no).orElseThrow().totalAmount)).isEqualByComparingTo(amount);

        // Forged (signed with another key) and a wrong amount: refused, nothing changes.
        assertThat(stub.pay(no, false)).isTrue();
        assertThat(stub.notifyPayment(no, stub.trade(no).orElseThrow().totalAmount, true)).isEqualTo(401);
        assertThat(stub.notifyPayment(no, new BigDecimal(amount).add(BigDecimal.ONE).toPlainString(), false))
                .isEqualTo(422);
        assertThat(get(order).getString("status")).isEqualTo("PENDING_PAYMENT");

        assertThat(stub.notifyPayment(no, stub.trade(no).orElseThrow().totalAmount, false)).isEqualTo(200);
        assertThat(stub.lastAnswer).isEqualTo("success");
        JsonObject paid = get(order);
        assertThat(paid.getString("status")).isEqualTo("RETIRED");
        assertThat(paid.getString("provider")).isEqualTo("alipay");
        assertThat(paid.getString("transactionId")).isEqualTo(stub.trade(no).orElseThrow().tradeNo);
        // Alipay repeats a notification until it reads "success": the repeat changes nothing.
        assertThat(stub.notifyPayment(no, stub.trade(no).orElseThrow().totalAmount, false)).isEqualTo(200);
        assertThat(get(order).getJsonArray("refunds")).isEmpty();
    }

    @Test
    void aLostNotificationIsFoundByQueryAndExpiryClosesTheTrade() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject paid = order(project, 10);
        String paidNo = checkout(paid);
        assertThat(stub.pay(paidNo, false)).isTrue();
        Api.Reply check = api.postJson("/api/v1/orders/" + paid.getJsonNumber("id") + "/payment-check", "",
                api.token("citizen"));
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().getString("status")).isEqualTo("RETIRED");

        JsonObject unpaid = order(project, 10);
        String unpaidNo = checkout(unpaid);
        try {
            api.moveClock("PT16M");
            await(unpaid, o -> o.getString("status").equals("EXPIRED"), "the unpaid order expires");
        } finally {
            api.moveClock("PT0S");
        }
        assertThat(stub.trade(unpaidNo).orElseThrow().status).isEqualTo("TRADE_CLOSED");
        assertThat(stub.pay(unpaidNo, true)).isFalse();
    }

    @Test
    void moneyForACancelledOrderGoesBackAndARefusedRefundFails() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject cancelled = order(project, 10);
        String no = checkout(cancelled);
        // Paid at Alipay, the notification arriving after the cancellation (which closes the trade within seconds).
        assertThat(stub.pay(no, false)).isTrue();
        api.send(Api.authorizedRequest(api.request("/api/v1/orders/" + cancelled.getJsonNumber("id")).DELETE(),
                api.token("citizen")));
        stub.notifyPayment(no, stub.trade(no).orElseThrow().totalAmount, false);
        JsonObject refunded = await(cancelled, o -> o.getJsonArray("refunds").size() == 1 && o.getJsonArray("refunds")
                .getJsonObject(0).getString("status").equals("SUCCEEDED"), "the refund succeeds");
        assertThat(refunded.getJsonArray("refunds").getJsonObject(0).getString("provider")).isEqualTo("alipay");

        stub.refuseRefundsWith = "ACQ.SELLER_BALANCE_NOT_ENOUGH";
        try {
            JsonObject other = order(project, 10);
            String otherNo = checkout(other);
            assertThat(stub.pay(otherNo, false)).isTrue();
            api.send(Api.authorizedRequest(api.request("/api/v1/orders/" + other.getJsonNumber("id")).DELETE(),
                    api.token("citizen")));
            stub.notifyPayment(otherNo, stub.trade(otherNo).orElseThrow().totalAmount, false);
            JsonObject failed = await(other, o -> o.getJsonArray("refunds").size() == 1 && o.getJsonArray("refunds")
                    .getJsonObject(0).getString("status").equals("FAILED"), "the refund fails");
            assertThat(failed.getJsonArray("refunds").getJsonObject(0).getString("failure"))
                    .contains("ACQ.SELLER_BALANCE_NOT_ENOUGH");
        } finally {
            stub.refuseRefundsWith = null;
        }
    }
}
