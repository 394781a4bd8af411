package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.SitePages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the site in Chromium, as the audience it is for sees it: under the Content-Security-Policy each
 * page's scripts run (PrimeFaces' widgets come up) and the console reports no violation and no error.
 */
class PageTourBrowserIT extends BrowserTest {

    @Test
    void everyPageRunsUnderItsContentSecurityPolicy() {
        Map<String, List<String>> pages = SitePages.byAudience(Api.server());
        pages.forEach((username, paths) -> {
            Browser browser = open(Browser.Size.DESKTOP, "zh-CN");
            if (!username.isEmpty()) {
                login(browser, username);
            }
            for (String path : paths) {
                browser.open(path);
                assertThat(browser.script("return document.readyState")).isEqualTo("complete");
                assertThat(browser.script("return !!window.PrimeFaces || !document.querySelector('[id$=\"_s\"]')"))
                        .as(path + ": PrimeFaces is there wherever a widget needs it").isEqualTo(true);
                assertThat(browser.cspViolations()).as(path).isEmpty();
                assertThat(browser.problems()).as(path).isEmpty();
            }
        });
    }
}
