package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.RequiredSuites;
import cn.yaan.carbonsink.it.ServerIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the browser journeys: skips loudly where Chromium is missing (fails where the run requires the browser
 * suite, as CI does), saves a screenshot of every failure, and fails a journey whose pages logged a JavaScript error
 * or a failed request.
 */
@ServerIT
@ExtendWith(BrowserTest.ScreenshotOnFailure.class)
public abstract class BrowserTest {

    private static final Logger LOG = Logger.getLogger(BrowserTest.class.getName());

    protected final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void requireChromium() {
        if (!Browser.available()) {
            LOG.warning("""

                    ************************************************************************
                    BROWSER SUITE SKIPPED: /usr/bin/chromium and /usr/bin/chromedriver are
                    needed (apt-get install -y chromium chromium-driver), or -Dit.browser=false.
                    ************************************************************************""");
        }
        RequiredSuites.assumeAvailable(RequiredSuites.BROWSER, Browser.available(),
                "Chromium is not installed (or -Dit.browser=false): browser suite skipped");
    }

    protected Browser open(Browser.Size size, String language) {
        return open(size, language, null);
    }

    /** A browser whose camera shows the QR code of the text. */
    protected Browser openWithCameraShowing(Browser.Size size, String language, String qrText) {
        return open(size, language, FakeCamera.showing(qrText));
    }

    /** A browser whose relative addresses go to another base than the test server (a forwarder in front of it). */
    protected Browser openAt(String baseUrl, Browser.Size size, String language) {
        Browser browser = new Browser(baseUrl, size, language, null);
        browsers.add(browser);
        return browser;
    }

    private Browser open(Browser.Size size, String language, Path camera) {
        Browser browser = new Browser(Api.server().baseUrl(), size, language, camera);
        browsers.add(browser);
        return browser;
    }

    /** Fails on any JavaScript error or failed request the pages of this browser have seen so far. */
    protected static void assertClean(Browser browser) {
        assertThat(browser.problems()).as("JavaScript errors and failed requests").isEmpty();
    }

    /** No journey may make a page break its Content-Security-Policy, whether or not it checked the console itself. */
    @AfterEach
    void closeBrowsers() {
        try {
            for (Browser browser : browsers) {
                assertThat(browser.cspViolations()).as("Content-Security-Policy violations").isEmpty();
            }
        } finally {
            browsers.forEach(Browser::close);
            browsers.clear();
        }
    }

    /** Screenshots of every open browser when a journey fails. */
    static class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            context.getTestInstance().ifPresent(instance -> {
                List<Browser> open = ((BrowserTest) instance).browsers;
                for (int i = 0; i < open.size(); i++) {
                    try {
                        open.get(i).screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                                + context.getRequiredTestMethod().getName() + "-" + i);
                    } catch (RuntimeException e) {
                        LOG.warning("No failure screenshot: " + e.getMessage());
                    }
                }
            });
        }
    }
}
