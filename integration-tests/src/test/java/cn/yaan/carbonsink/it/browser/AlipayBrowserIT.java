package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.pay.AlipayStub;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paying by Alipay from a phone in Chromium: the order page offers Alipay, the buyer goes to Alipay's cashier (the
 * local stand-in, {@link AlipayStub}), pays, is sent back to the order page and sees the units retired with Alipay's
 * trade number, then opens the order's certificate and sees it verified.
 */
class AlipayBrowserIT extends BrowserTest {

    private final AlipayStub stub = AlipayStub.get();

    @Test
    void aPhonePaysAtAlipaysCashierComesBackAndSeesItsCertificate() {
        Api api = Api.server();
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        phone.open("/account/buy.xhtml");
        new Select(phone.find("buy:project")).selectByValue("BX-PH-01");
        phone.type("buy:quantityKg", "12");
        phone.click("buy:submit");
        phone.waitForText("order-status", "待支付");
        String id = phone.driver().getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
        phone.driver().findElement(By.cssSelector(".pay-alipay-WAP")).click();
        phone.find("checkout:pay-link");
        phone.click("checkout:pay-link");

        // Alipay's cashier: the amount, and the button that pays.
        phone.waitForText("amount", "¥");
        phone.screenshot("phone-alipay-cashier");
        phone.click("alipay-pay");

        phone.waitForText("order-status", "已完成");
        assertThat(phone.driver().getCurrentUrl()).contains("/account/order.xhtml?id=" + id);
        assertThat(phone.text("order-provider")).isEqualTo("支付宝");
        JsonObject order = api.get("/api/v1/orders/" + id, api.token("citizen")).json();
        String tradeNo = order.getString("paymentId").replace("-", "");
        assertThat(phone.text("order-transaction")).isEqualTo(stub.trade(tradeNo).orElseThrow().tradeNo);
        assertThat(phone.text("retired")).contains("BX-PH-01-");
        assertThat(accessibilityFindings(phone)).isEmpty();
        assertFitsAPhone(phone);
        phone.screenshot("phone-alipay-paid");

        // The certificate of the units the payment retired.
        String certificate = order.getJsonObject("retirement").getString("certificateNo");
        phone.open("/v/" + certificate);
        phone.waitForText("verdict-text", "证书有效");
        assertThat(accessibilityFindings(phone)).isEmpty();
    }
}
