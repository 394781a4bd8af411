package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser whose WebCrypto has no Ed25519 (WeChat's built-in browser): before any script of a page runs, Ed25519
 * is taken out of crypto.subtle (importKey and verify reject it, as such browsers do), and the verify page falls back
 * to noble-ed25519, which the site serves itself. The test vectors still get their verdicts, and a QR code's address
 * verifies offline: the genuine one VALID, a tampered one not.
 */
class Ed25519FallbackBrowserIT extends BrowserTest {

    /** Makes crypto.subtle refuse Ed25519, as a browser without it does (NotSupportedError). */
    static final String WITHOUT_ED25519 = """
            (() => {
              const subtle = crypto.subtle;
              if (!subtle) return;
              const ed25519 = a => String(typeof a === 'string' ? a : a && a.name).toLowerCase() === 'ed25519';
              const refuse = () => Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));
              const importKey = subtle.importKey.bind(subtle);
              const verify = subtle.verify.bind(subtle);
              subtle.importKey = (format, data, algorithm, ...rest) =>
                  ed25519(algorithm) ? refuse() : importKey(format, data, algorithm, ...rest);
              subtle.verify = (algorithm, ...rest) => ed25519(algorithm) ? refuse() : verify(algorithm, ...rest);
            })();
            """;

    private final Api api = Api.server();

    private Browser withoutEd25519() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        ((ChromeDriver) phone.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", WITHOUT_ED25519));
        return phone;
    }

    /** WebCrypto refuses Ed25519 in the page, and the page's verifier loaded the JavaScript one from this site. */
    private static void assertTheFallbackVerified(Browser phone) {
        Object refused = ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify'])
                    .then(() => done(false), () => done(true));
                """);
        assertThat(refused).as("WebCrypto Ed25519 is gone").isEqualTo(true);
        assertThat(phone.script("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.endsWith('/resources/js/vendor/noble-ed25519.js'));"))
                .as("noble-ed25519 loaded from this site").isEqualTo(true);
    }

    @Test
    void theVectorsGetTheirVerdictsWithoutWebCryptoEd25519() throws Exception {
        Browser phone = withoutEd25519();
        CertificateVectorsBrowserIT.assertEveryVectorGetsItsVerdict(phone);
        assertTheFallbackVerified(phone);
    }

    @Test
    void aQrCodesAddressVerifiesOfflineWithoutWebCryptoEd25519() {
        String genuine = CertificateBrowserIT.purchase(api, "雅安市绿色能源有限公司");
        Browser phone = withoutEd25519();
        phone.open(genuine);
        phone.waitForText("verdict-text", "证书有效");
        // Online, the page fetched and checked the signed revocation list for offline use.
        new org.openqa.selenium.support.ui.WebDriverWait(phone.driver(), java.time.Duration.ofSeconds(15))
                .until(d -> Boolean.TRUE.equals(phone.script(
                        "return !!localStorage.getItem('carbonsink.revocations');")));
        assertClean(phone);

        ((ChromeDriver) phone.driver()).setNetworkConditions(CertificateBrowserIT.offline());
        CertificateBrowserIT.goTo(phone, CertificateBrowserIT.forge(genuine));
        phone.waitForText("verdict-text", "伪造或被篡改");
        assertThat(phone.text("verdict-how")).contains("无网络");
        CertificateBrowserIT.goTo(phone, genuine);
        phone.waitForText("verdict-text", "证书有效");
        assertThat(phone.text("verdict-how")).contains("无网络");
        assertTheFallbackVerified(phone);
        phone.screenshot("phone-verify-offline-without-webcrypto-ed25519");
    }
}
