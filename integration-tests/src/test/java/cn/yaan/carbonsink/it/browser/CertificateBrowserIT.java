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
        return purchase(api, beneficiary);
    }

    /** A new certificate for the beneficiary: the path of its QR code's address, with the payload. */
    static String purchase(Api api, String beneficiary) {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String number = api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 100).add("beneficiary", beneficiary).add("purpose", "DIRECT").build().toString(),
                api.token("officer")).json().getString("certificateNo");
        String url = api.get("/api/v1/public/certificates/" + number).json().getString("verifyUrl");
        return url.substring(url.indexOf("/v/"));
    }

    /** One character of the signature changed. */
    static String forge(String path) {
        int at = path.length() - 10;
        return path.substring(0, at) + (path.charAt(at) == 'A' ? 'B' : 'A') + path.substring(at + 1);
    }

    static void goTo(Browser browser, String pathWithFragment) {
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
        assertThat(phone.find("share-image").getAttribute("href")).endsWith("/share.png");
        CertificateShots.save(api, genuine.substring(3, genuine.indexOf('#')), "retirement");

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
        // Another certificate's genuine payload after this page's number: a mismatch, offline as online.
        goTo(phone, revoked);
        phone.waitForText("verdict-text", "证书编号与二维码签名不符");
        assertThat(phone.find("details").isDisplayed()).isFalse();
        phone.open(revoked);
        phone.waitForText("verdict-how", "无网络");
        assertThat(phone.text("verdict-text")).contains("证书已撤销");
        // When and why, from the signed list, and how old that list is (fresh: no warning).
        assertThat(phone.text("verdict-how")).contains("撤销于", "测试撤销");
        assertThat(phone.text("list-age")).contains("撤销名单生成于", "已有 0 小时");
        assertThat(phone.find("stale-warning").isDisplayed()).isFalse();
        // A day and a half later, still offline: the cached list is stale, and the page warns.
        phone.script("const real = Date.now; Date.now = () => real() + 36 * 3600 * 1000; location.hash = '';");
        phone.waitForText("verdict-how", "此前在线获取");
        goTo(phone, revoked);
        phone.waitForText("stale-warning", "已超过 24 小时");
        assertThat(phone.text("verdict-text")).contains("证书已撤销");
        assertThat(phone.text("list-age")).contains("已有 36 小时");
        phone.screenshot("phone-verify-offline-stale-list");
        // What the revoked certificate's own payload says.
        assertThat(phone.text("payload-summary")).contains(revokedNumber, "李*", "100 kg");
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
        assertThat(desktop.text("verdict-how")).contains("revoked on", "issued in error");
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

    private static String numberOf(String path) {
        return path.substring(3, path.indexOf('#'));
    }

    @Test
    void aGenuinePayloadAfterAnotherNumberIsAMismatchOnlineAndOffline() {
        String first = purchase("张三");
        String second = purchase("雅安茶业有限公司");
        // The second certificate's page, with the first certificate's genuine payload.
        String swapped = "/v/" + numberOf(second) + first.substring(first.indexOf('#'));
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open(swapped);
        phone.waitForText("verdict-text", "证书编号与二维码签名不符");
        assertThat(phone.text("verdict-how")).contains("在线核验");
        assertThat(phone.find("details").isDisplayed()).as("the second certificate's details").isFalse();
        phone.screenshot("phone-verify-mismatch");
        assertClean(phone);

        ((ChromeDriver) phone.driver()).setNetworkConditions(offline());
        goTo(phone, second);
        phone.waitForText("verdict-how", "无网络");
        assertThat(phone.text("verdict-text")).contains("证书有效");
        goTo(phone, swapped);
        phone.waitForText("verdict-text", "证书编号与二维码签名不符");
        assertThat(phone.text("verdict-how")).contains("无网络");
    }

    /**
     * The test server is not at its configured public address (http://localhost:8080, the address its QR codes
     * hold), so it stands for a look-alike site: the page warns, online and offline. When port 8080 is free, a
     * forwarder there plays the official address, where the same page does not warn.
     */
    @Test
    void aPageAtAnotherAddressThanTheOfficialOneWarns() throws Exception {
        String genuine = purchase("王五");
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open(genuine);
        phone.waitForText("verdict-text", "证书有效");
        assertThat(phone.find("foreign-warning").isDisplayed()).isTrue();
        assertThat(phone.text("foreign-warning")).contains("仿冒网站");
        phone.screenshot("phone-verify-foreign");
        ((ChromeDriver) phone.driver()).setNetworkConditions(offline());
        phone.script("location.hash = '';");
        goTo(phone, genuine);
        phone.waitForText("verdict-how", "无网络");
        assertThat(phone.find("foreign-warning").isDisplayed()).isTrue();

        Forwarder official;
        try {
            official = new Forwarder(8080, Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1)));
        } catch (java.io.IOException taken) {
            return; // something else runs at the official address here: the look-alike case above is the test
        }
        try (official) {
            Browser atHome = openAt(official.baseUrl(), Browser.Size.PHONE, "en-GB");
            atHome.open(genuine);
            atHome.waitForText("verdict-text", "Valid certificate");
            assertThat(atHome.find("foreign-warning").isDisplayed()).isFalse();
        }
    }

    /**
     * Offline with the network really gone (a forwarder in front of the server, then closed): a page fetched for one
     * number never answers for another; without its QR code, another number cannot be verified offline, and the
     * number fetched before shows that answer with the time it was fetched.
     */
    @Test
    void offlineAPageWithoutItsQrCodeNeverShowsAnotherNumbersAnswer() throws Exception {
        String court = purchase("雅安市中级人民法院");
        String other = purchase("赵六");
        int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
        Forwarder network = new Forwarder(0, port);
        Browser phone = openAt(network.baseUrl(), Browser.Size.PHONE, "zh-CN");
        try (network) {
            phone.open("/v/" + numberOf(court));
            phone.waitForText("verdict-text", "证书有效");
            new org.openqa.selenium.support.ui.WebDriverWait(phone.driver(), java.time.Duration.ofSeconds(15))
                    .until(d -> Boolean.TRUE.equals(phone.script("return !!navigator.serviceWorker.controller;")));
            phone.driver().navigate().refresh();
            phone.waitForText("verdict-text", "证书有效");
            // The keys and revocation list are cached by then (the page fetches them online).
            new org.openqa.selenium.support.ui.WebDriverWait(phone.driver(), java.time.Duration.ofSeconds(15))
                    .until(d -> Boolean.TRUE.equals(phone.script("return !!localStorage.getItem('carbonsink.keys');")));
        }

        phone.open("/v/" + numberOf(other));
        phone.waitForText("verdict-text", "无网络，无法核验");
        assertThat(phone.text("verdict-how")).contains("没有证书二维码时无法离线核验");
        assertThat(phone.text("verdict")).doesNotContain("证书有效", "按证书编号查询的结果");
        assertThat(phone.find("details").isDisplayed()).isFalse();
        phone.screenshot("phone-verify-offline-other-number");

        phone.open("/v/" + numberOf(court));
        phone.waitForText("verdict-how", "此前在线获取");
        assertThat(phone.text("verdict-text")).contains("证书有效");
        assertThat(phone.text("number")).isEqualTo(numberOf(court));

        // With its QR code, the other number verifies offline from the signed payload alone.
        phone.open(other);
        phone.waitForText("verdict-how", "无网络");
        assertThat(phone.text("verdict-text")).contains("证书有效");
        assertThat(phone.text("payload-summary")).contains(numberOf(other));
    }

    static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }
}
