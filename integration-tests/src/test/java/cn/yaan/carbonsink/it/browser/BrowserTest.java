package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.RequiredSuites;
import cn.yaan.carbonsink.it.ServerIT;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

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

    /**
     * What a page does wrong on a phone, one line per finding. Tokens: certificate, booking and case numbers
     * (letters and digits joined by dashes), amounts in yuan, figures with their unit.
     */
    static final String PHONE_PROBE = """
            const findings = [];
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth > width) {
              const beyond = [...document.body.querySelectorAll('*')]
                  .filter(e => e.getBoundingClientRect().right > width + 0.5
                      && ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
                  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                      + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : ''));
              findings.push('sideways scrolling: ' + document.documentElement.scrollWidth + ' px wide, beyond the edge: '
                  + beyond.join(', '));
            }
            const visible = e => {
              const s = getComputedStyle(e);
              const r = e.getBoundingClientRect();
              return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0;
            };
            const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + ' "' + (e.innerText || e.value || '').trim().slice(0, 20) + '"';
            for (const e of document.querySelectorAll('a[href], button, input, select, textarea, [role=button]')) {
              if (e.type === 'hidden' || !visible(e) || e.closest('p, .inline-links')) continue;
              let r = e.getBoundingClientRect();
              if (e.type === 'checkbox' || e.type === 'radio') {
                const label = e.closest('label') || (e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]'));
                if (!label) { findings.push('no label: ' + describe(e)); continue; }
                r = label.getBoundingClientRect();
              }
              if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
                findings.push('small target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ': ' + describe(e));
              }
              if (r.right > width + 0.5) findings.push('off screen: ' + describe(e));
            }
            const token = /[A-Z]{1,3}-\\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]|¥\\s?[\\d,]+(\\.\\d+)?|\\d[\\d,]*(\\.\\d+)?\\s?(kg|千克|元|t|吨)/g;
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (!n.parentElement || !visible(n.parentElement)) continue;
              for (const m of n.textContent.matchAll(token)) {
                const range = document.createRange();
                range.setStart(n, m.index);
                range.setEnd(n, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) findings.push('broken across lines: ' + m[0]);
              }
            }
            return findings;
            """;

    /** What the page in this browser does wrong on a phone (see {@link #PHONE_PROBE}). */
    @SuppressWarnings("unchecked")
    protected static List<String> phoneFindings(Browser browser) {
        return (List<String>) browser.script(PHONE_PROBE);
    }

    /**
     * The page fits a 390 px phone: nothing beyond the screen's edge, every control a thumb can hit, no number or
     * code broken across lines.
     */
    protected static void assertFitsAPhone(Browser phone) {
        assertThat(phoneFindings(phone)).as("on a phone: " + phone.driver().getCurrentUrl()).isEmpty();
    }

    /**
     * The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page in this browser, one line per
     * rule with up to three of its elements (axe-core's script comes from the test's classpath, not the network).
     */
    protected static List<String> accessibilityFindings(Browser browser) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(browser.driver());
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream().limit(3)
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .toList();
    }

    /** Signs in with a demo account's password and waits for the name in the navigation. */
    protected static void login(Browser browser, String username) {
        login(browser, username, Api.DEMO_PASSWORD);
    }

    protected static void login(Browser browser, String username, String password) {
        browser.open("/login.xhtml");
        browser.type("login:username", username);
        browser.type("login:password", password);
        browser.click("login:submit");
        browser.waitForText("nav:user", username);
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
