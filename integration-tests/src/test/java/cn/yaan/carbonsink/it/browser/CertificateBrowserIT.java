package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestProjects;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verify page a QR code opens, in Chromium on a phone: the verdict online, a forgery caught, and the same
 * verdicts with the network cut, from the keys and revocation list the page cached.
 */
class CertificateBrowserIT extends BrowserTest {

    private final Api api = Api.server();

    /** The QR code's address, on the test server (the QR holds the configured public address). */
    private String purchase(String beneficiary) {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String number = api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 100).add("beneficiary", beneficiary).add("purpose", "DIRECT").build().toString(),
                api.token("officer")).json().getString("certificateNo");
        String url = api.get("/api/v1/public/certificates/" + number).json().getString("verifyUrl");
        return url.substring(url.indexOf("/v/"));
    }

    /** One character of the signature changed. */
    private static String forge(String path) {
        int at = path.length() - 10;
        return path.substring(0, at) + (path.charAt(at) == 'A' ? 'B' : 'A') + path.substring(at + 1);
    }

    private static void goTo(Browser browser, String pathWithFragment) {
        // Same page, another fragment: no request for the page itself, only the hashchange.
        browser.script("location.hash = '" + pathWithFragment.substring(pathWithFragment.indexOf('#')) + "';");
    }

    @Test
    void theVerdictShowsOnlineAndOfflineAndCatchesForgeries() {
        String genuine = purchase("雅安市绿色能源有限公司");
        String revoked = purchase("李四");
        String revokedNumber = revoked.substring(3, revoked.indexOf('#'));
        assertThat(api.postJson("/api/v1/certificates/" + revokedNumber + "/revocation", "{\"reason\":\"测试撤销\"}",
                api.token("admin")).status()).isEqualTo(200);

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open(genuine);
        phone.waitForText("verdict-text", "证书有效");
        phone.waitForText("verdict-how", "在线核验");
        assertThat(phone.text("holder")).isEqualTo("雅安***公司");
        assertThat(phone.driver().getPageSource()).doesNotContain("雅安市绿色能源有限公司");
        phone.screenshot("phone-verify-valid");

        goTo(phone, forge(genuine));
        phone.waitForText("verdict-text", "伪造或被篡改");
        phone.screenshot("phone-verify-forged");
        assertClean(phone);

        ((ChromeDriver) phone.driver()).setNetworkConditions(offline());
        goTo(phone, genuine);
        phone.waitForText("verdict-how", "无网络");
        assertThat(phone.text("verdict-text")).contains("证书有效");
        phone.screenshot("phone-verify-offline-valid");

        goTo(phone, forge(genuine));
        phone.waitForText("verdict-text", "伪造或被篡改");
        goTo(phone, revoked);
        phone.waitForText("verdict-text", "证书已撤销");
        assertThat(phone.text("verdict-how")).contains("无网络");
        // What the revoked certificate's own payload says, instead of the details of the page's first number.
        assertThat(phone.text("payload-summary")).contains(revokedNumber, "李*", "100 kg");
        assertThat(phone.find("details").isDisplayed()).isFalse();
        phone.screenshot("phone-verify-offline-revoked");
    }

    @Test
    void englishVerdictOfARevokedCertificateOnline() {
        String revoked = purchase("Wang Wu");
        String number = revoked.substring(3, revoked.indexOf('#'));
        api.postJson("/api/v1/certificates/" + number + "/revocation", "{\"reason\":\"issued in error\"}", api.token("admin"));
        Browser desktop = open(Browser.Size.DESKTOP, "en-GB");
        desktop.open(revoked);
        desktop.waitForText("verdict-text", "Certificate revoked");
        assertThat(desktop.text("details")).contains("issued in error", number);
        desktop.screenshot("desktop-verify-revoked-en");
        assertClean(desktop);
    }

    @Test
    void onceOpenedOnlineTheVerifyPageOpensWithoutANetworkForAnotherCertificate() {
        String first = purchase("张三");
        String second = purchase("雅安茶业有限公司");
        String secondNumber = second.substring(3, second.indexOf('#'));
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open(first);
        phone.waitForText("verdict-text", "证书有效");
        // The service worker takes control, then a second online visit fills its cache.
        new org.openqa.selenium.support.ui.WebDriverWait(phone.driver(), java.time.Duration.ofSeconds(15))
                .until(d -> Boolean.TRUE.equals(phone.script("return !!navigator.serviceWorker.controller;")));
        phone.driver().navigate().refresh();
        phone.waitForText("verdict-text", "证书有效");
        assertClean(phone);

        ((ChromeDriver) phone.driver()).setNetworkConditions(offline());
        phone.open(second);
        phone.waitForText("verdict-how", "无网络");
        assertThat(phone.text("verdict-text")).contains("证书有效");
        assertThat(phone.text("payload-summary")).contains(secondNumber, "雅安***公司", "100 kg");
        phone.screenshot("phone-verify-offline-page");
    }

    private static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }
}
