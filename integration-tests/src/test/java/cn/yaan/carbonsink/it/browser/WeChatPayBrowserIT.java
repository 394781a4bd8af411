package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.pay.WeChatPayStub;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paying by WeChat Pay from a phone in Chromium: the order page offers the configured provider, the buyer goes to
 * WeChat Pay's page (the local stand-in, {@link WeChatPayStub}), pays, comes back and sees the units retired with
 * WeChat Pay's transaction number; on a desktop the order page shows the QR code, and "I have paid" asks WeChat Pay.
 * A refund's state is shown on its order.
 */
class WeChatPayBrowserIT extends BrowserTest {

    private final WeChatPayStub stub = WeChatPayStub.get();

    private String buy(Browser browser, int kg) {
        browser.open("/account/buy.xhtml");
        new Select(browser.find("buy:project")).selectByValue("BX-PH-01");
        browser.type("buy:quantityKg", String.valueOf(kg));
        browser.click("buy:submit");
        browser.waitForText("order-status", "待支付");
        return browser.driver().getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
    }

    private String tradeNo(String orderId) {
        Api api = Api.server();
        return api.get("/api/v1/orders/" + orderId, api.token("citizen")).json().getString("paymentId").replace("-", "");
    }

    @Test
    void aPhonePaysOnWeChatPaysPageAndComesBackToItsUnits() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        String id = buy(phone, 30);
        phone.driver().findElement(By.cssSelector(".pay-wechat-H5")).click();
        phone.find("checkout:pay-link");
        assertThat(accessibilityFindings(phone)).isEmpty();
        assertFitsAPhone(phone);
        phone.screenshot("phone-wechat-checkout");
        phone.click("checkout:pay-link");

        // WeChat Pay's page: the amount, and the button that pays.
        phone.waitForText("amount", "¥");
        phone.screenshot("phone-wechat-cashier");
        phone.click("wechat-pay");

        phone.waitForText("order-status", "已完成");
        assertThat(phone.driver().getCurrentUrl()).contains("/account/order.xhtml?id=" + id);
        assertThat(phone.text("order-provider")).isEqualTo("微信支付");
        assertThat(phone.text("order-transaction"))
                .isEqualTo(stub.trade(tradeNo(id)).orElseThrow().transactionId);
        assertThat(phone.text("retired")).contains("BX-PH-01-");
        assertThat(accessibilityFindings(phone)).isEmpty();
        assertFitsAPhone(phone);
        phone.screenshot("phone-wechat-paid");
    }

    @Test
    void aDesktopShowsTheQrCodeAndAsksWeChatPayWhenTheBuyerHasPaid() {
        Browser desktop = open(Browser.Size.DESKTOP, "en");
        login(desktop, "citizen");
        desktop.open("/account/buy.xhtml");
        new Select(desktop.find("buy:project")).selectByValue("BX-PH-01");
        desktop.type("buy:quantityKg", "15");
        desktop.click("buy:submit");
        desktop.waitForText("order-status", "Awaiting payment");
        String id = desktop.driver().getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
        desktop.driver().findElement(By.cssSelector(".pay-wechat-NATIVE")).click();
        desktop.find("checkout:pay-qr");
        desktop.screenshot("desktop-wechat-qr");
        // Paid by scanning; WeChat Pay's notification is lost on the way.
        assertThat(stub.pay(tradeNo(id), false)).isTrue();
        desktop.click("checkout:check");
        desktop.waitForText("order-status", "Paid and done");
        assertThat(desktop.text("order-provider")).isEqualTo("WeChat Pay");
        assertClean(desktop);
    }

    @Test
    void aRefundShowsOnItsOrder() throws Exception {
        Api api = Api.server();
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        String id = buy(phone, 10);
        phone.driver().findElement(By.cssSelector(".pay-wechat-H5")).click();
        phone.find("checkout:pay-link");
        // Paid on WeChat while the buyer cancels: the money goes back by itself.
        assertThat(stub.pay(tradeNo(id), false)).isTrue();
        phone.click("checkout:cancel");
        phone.waitForText("order-status", "已取消");
        stub.notifyPayment(tradeNo(id));
        for (int i = 0; i < 120 && !api.get("/api/v1/orders/" + id, api.token("citizen")).body()
                .contains("\"SUCCEEDED\""); i++) {
            Thread.sleep(500);
        }
        phone.open("/account/order.xhtml?id=" + id);
        phone.waitForText("refunds", "已退款");
        assertThat(accessibilityFindings(phone)).isEmpty();
        assertFitsAPhone(phone);
        phone.screenshot("phone-wechat-refunded");
    }
}
