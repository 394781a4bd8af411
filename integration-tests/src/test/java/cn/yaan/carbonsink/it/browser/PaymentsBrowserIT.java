package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestProjects;
import cn.yaan.carbonsink.it.TestSites;
import cn.yaan.carbonsink.it.pay.WeChatPayStub;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officers' payments page on a desktop: a refund that failed is sent again with a tap and ends refunded; a day
 * matched again against WeChat Pay's bill lists the line only the bill has.
 */
class PaymentsBrowserIT extends BrowserTest {

    private final Api api = Api.server();
    private final WeChatPayStub stub = WeChatPayStub.get();

    private long failedRefund() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000);
        JsonObject order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + project + "\",\"quantityKg\":10}",
                api.token("citizen")).json();
        long id = order.getJsonNumber("id").longValue();
        assertThat(api.postJson("/api/v1/orders/" + id + "/checkout", "{\"provider\":\"wechat\",\"channel\":\"H5\"}",
                api.token("citizen")).status()).isEqualTo(200);
        String tradeNo = order.getString("paymentId").replace("-", "");
        stub.refuseRefundsWith = "NOT_ENOUGH";
        try {
            assertThat(stub.pay(tradeNo, false)).isTrue();
            api.send(Api.authorizedRequest(api.request("/api/v1/orders/" + id).DELETE(), api.token("citizen")));
            stub.notifyPayment(tradeNo);
            Instant until = Instant.now().plus(Duration.ofSeconds(90));
            while (!api.get("/api/v1/orders/" + id, api.token("citizen")).body().contains("\"FAILED\"")
                    && Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
        } finally {
            stub.refuseRefundsWith = null;
        }
        JsonObject refund = api.get("/api/v1/orders/" + id, api.token("citizen")).json().getJsonArray("refunds")
                .getJsonObject(0);
        assertThat(refund.getString("status")).isEqualTo("FAILED");
        return refund.getJsonNumber("id").longValue();
    }

    @Test
    void anOfficerSendsAFailedRefundAgainAndMatchesADayAgain() throws Exception {
        long refund = failedRefund();
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "officer");
        desktop.open("/officer/payments.xhtml");
        By row = By.cssSelector("li[data-refund='" + refund + "']");
        assertThat(desktop.driver().findElement(row).getText()).contains("退款失败").contains("NOT_ENOUGH");
        desktop.screenshot("desktop-officer-payments");
        desktop.driver().findElement(row).findElement(By.cssSelector(".refund-request")).click();
        desktop.waitForText("refunds-message", "退款");
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!api.get("/api/v1/refunds?status=SUCCEEDED", api.token("officer")).body()
                .contains("\"id\":" + refund + ",") && Instant.now().isBefore(until)) {
            Thread.sleep(500);
        }
        desktop.open("/officer/payments.xhtml?all=true");
        assertThat(desktop.driver().findElement(row).getText()).contains("已退款");

        // A line only WeChat Pay's bill has, found by matching today again.
        String extra = "4200" + String.format("%024d", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        stub.onlyInBill.put(extra, 777L);
        try {
            new Select(desktop.find("rerun:provider")).selectByValue("wechat");
            desktop.script("document.getElementById('rerun:day').value = '" + LocalDate.now(TestSites.CST) + "';");
            desktop.click("rerun:submit");
            desktop.waitForText("rerun-result", "处差异");
        } finally {
            stub.onlyInBill.clear();
        }
        By difference = By.cssSelector("li[data-transaction='" + extra + "']");
        new WebDriverWait(desktop.driver(), Duration.ofSeconds(15)).until(d -> !d.findElements(difference).isEmpty());
        assertThat(desktop.driver().findElement(difference).getText()).contains("平台没有这笔").contains("7.77");
        assertClean(desktop);

        // Put right: matched again, the day's differences are replaced.
        desktop.click("rerun:submit");
        new WebDriverWait(desktop.driver(), Duration.ofSeconds(30)).until(d -> d.findElements(difference).isEmpty());
        desktop.waitForText("rerun-result", "处差异");
    }
}
