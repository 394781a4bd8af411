package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.it.pay.AlipayStub;
import cn.yaan.carbonsink.it.pay.WeChatPayStub;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day's WeChat Pay bill and a day's Alipay bill, each downloaded through the provider's SDK from the local
 * stand-in and matched line by line with the platform's payments and refunds: a missing, an extra and a mismatched line are each found, and nothing else; a run
 * after the bill is put right finds nothing and replaces what was kept.
 */
@ServerIT
class ReconciliationIT {

    private final Api api = Api.server();
    private final WeChatPayStub stub = WeChatPayStub.get();

    private WeChatPayStub.Trade paid(String project, long kg) {
        Api.Reply order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":" + kg
                + "}", api.token("citizen"));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        Api.Reply checkout = api.postJson("/api/v1/orders/" + order.json().getJsonNumber("id") + "/checkout",
                "{\"provider\":\"wechat\",\"channel\":\"NATIVE\"}", api.token("citizen"));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        String no = order.json().getString("paymentId").replace("-", "");
        assertThat(stub.pay(no, true)).isTrue();
        assertThat(api.get("/api/v1/orders/" + order.json().getJsonNumber("id"), api.token("citizen")).json()
                .getString("status")).isEqualTo("RETIRED");
        return stub.trade(no).orElseThrow();
    }

    private JsonObject run(LocalDate day) {
        return run("wechat", day);
    }

    private JsonObject run(String provider, LocalDate day) {
        Api.Reply reply = api.postJson("/api/v1/reconciliation/runs", "{\"provider\":\"" + provider + "\",\"day\":\""
                + day + "\"}", api.token("officer"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void aMissingAnExtraAndAMismatchedLineAreFoundAndNothingElse() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        WeChatPayStub.Trade missing = paid(project, 10);
        WeChatPayStub.Trade mismatched = paid(project, 20);
        WeChatPayStub.Trade matched = paid(project, 30);
        String extra = "4200" + String.format("%024d", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        LocalDate today = LocalDate.now(TestSites.CST);

        stub.leftOutOfBill.add(missing.transactionId);
        stub.billedAmount.put(mismatched.transactionId, mismatched.total + 100);
        stub.onlyInBill.put(extra, 1234L);
        JsonObject result;
        try {
            result = run(today);
        } finally {
            stub.leftOutOfBill.clear();
            stub.billedAmount.clear();
            stub.onlyInBill.clear();
        }
        JsonArray differences = result.getJsonArray("differences");
        Map<String, String> kinds = differences.stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(d -> d.getString("transactionId"), d -> d.getString("kind")));
        assertThat(kinds).as(differences.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(
                missing.transactionId, "MISSING_IN_BILL",
                mismatched.transactionId, "AMOUNT_MISMATCH",
                extra, "NOT_ON_PLATFORM"));
        assertThat(kinds).doesNotContainKey(matched.transactionId);
        JsonObject mismatch = differences.stream().map(JsonObject.class::cast)
                .filter(d -> d.getString("kind").equals("AMOUNT_MISMATCH")).findFirst().orElseThrow();
        assertThat(mismatch.getJsonNumber("platformFen").longValue()).isEqualTo(mismatched.total);
        assertThat(mismatch.getJsonNumber("providerFen").longValue()).isEqualTo(mismatched.total + 100);
        assertThat(result.getInt("lines")).isGreaterThanOrEqualTo(3);

        // Kept for officers.
        Api.Reply kept = api.get("/api/v1/reconciliation?since=" + today, api.token("officer"));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.jsonArray().stream().map(JsonObject.class::cast).map(d -> d.getString("transactionId")))
                .contains(missing.transactionId, mismatched.transactionId, extra);

        // The bill put right: a new run finds nothing and replaces the day's differences.
        assertThat(run(today).getJsonArray("differences")).isEmpty();
        assertThat(api.get("/api/v1/reconciliation?since=" + today, api.token("officer")).jsonArray().stream()
                .map(JsonObject.class::cast).filter(d -> d.getString("provider").equals("wechat"))).isEmpty();
    }

    /** An order paid at Alipay's cashier: the phone follows the signed address, the buyer pays there. */
    private AlipayStub.Trade paidByAlipay(String project, long kg) throws Exception {
        AlipayStub alipay = AlipayStub.get();
        Api.Reply order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":" + kg
                + "}", api.token("citizen"));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        Api.Reply checkout = api.postJson("/api/v1/orders/" + order.json().getJsonNumber("id") + "/checkout",
                "{\"provider\":\"alipay\",\"channel\":\"WAP\"}", api.token("citizen"));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        HttpResponse<String> cashier = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
                HttpRequest.newBuilder(URI.create(checkout.json().getString("url"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cashier.statusCode()).as(cashier.body()).isEqualTo(200);
        String no = order.json().getString("paymentId").replace("-", "");
        assertThat(alipay.pay(no, true)).isTrue();
        assertThat(api.get("/api/v1/orders/" + order.json().getJsonNumber("id"), api.token("citizen")).json()
                .getString("status")).isEqualTo("RETIRED");
        return alipay.trade(no).orElseThrow();
    }

    @Test
    void alipaysBillWithAMissingAnExtraAndAMismatchedLineIsFoundAndNothingElse() throws Exception {
        AlipayStub alipay = AlipayStub.get();
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        AlipayStub.Trade missing = paidByAlipay(project, 10);
        AlipayStub.Trade mismatched = paidByAlipay(project, 20);
        AlipayStub.Trade matched = paidByAlipay(project, 30);
        long mismatchedFen = new BigDecimal(mismatched.totalAmount).movePointRight(2).longValueExact();
        String extra = LocalDate.now(TestSites.CST).toString().replace("-", "") + "2200"
                + String.format("%016d", ThreadLocalRandom.current().nextLong(1, 10_000_000_000_000_000L));
        LocalDate today = LocalDate.now(TestSites.CST);

        alipay.leftOutOfBill.add(missing.tradeNo);
        alipay.billedAmount.put(mismatched.tradeNo, mismatchedFen - 1);
        alipay.onlyInBill.put(extra, 4321L);
        JsonObject result;
        try {
            result = run("alipay", today);
        } finally {
            alipay.leftOutOfBill.clear();
            alipay.billedAmount.clear();
            alipay.onlyInBill.clear();
        }
        JsonArray differences = result.getJsonArray("differences");
        Map<String, String> kinds = differences.stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(d -> d.getString("transactionId"), d -> d.getString("kind")));
        assertThat(kinds).as(differences.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(
                missing.tradeNo, "MISSING_IN_BILL",
                mismatched.tradeNo, "AMOUNT_MISMATCH",
                extra, "NOT_ON_PLATFORM"));
        assertThat(kinds).doesNotContainKey(matched.tradeNo);
        JsonObject mismatch = differences.stream().map(JsonObject.class::cast)
                .filter(d -> d.getString("kind").equals("AMOUNT_MISMATCH")).findFirst().orElseThrow();
        assertThat(mismatch.getJsonNumber("platformFen").longValue()).isEqualTo(mismatchedFen);
        assertThat(mismatch.getJsonNumber("providerFen").longValue()).isEqualTo(mismatchedFen - 1);

        // The bill put right: a new run finds nothing.
        assertThat(run("alipay", today).getJsonArray("differences")).isEmpty();
    }
}
