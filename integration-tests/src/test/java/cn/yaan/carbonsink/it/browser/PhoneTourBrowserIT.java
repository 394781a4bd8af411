package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.SitePages;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the site on a 390 px phone, in both languages, as the audience it is for sees it: nothing beyond
 * the screen's edge (tables become cards), every control a thumb can hit (at least 44 x 44 px, WCAG 2.5.5; links
 * inside a sentence are exempt, a check box counts with its label), no number, amount or code broken across two
 * lines, and no serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA).
 */
class PhoneTourBrowserIT extends BrowserTest {

    @Test
    void everyPageFitsAPhoneWithControlsAThumbCanHitTokensWholeAndNoAccessibilityViolation() {
        Map<String, List<String>> pages = SitePages.byAudience(Api.server());
        List<String> findings = new ArrayList<>();
        for (String language : List.of("zh-CN", "en")) {
            pages.forEach((username, paths) -> {
                Browser browser = open(Browser.Size.PHONE, language);
                if (!username.isEmpty()) {
                    login(browser, username);
                }
                for (String path : paths) {
                    browser.open(path + (path.contains("?") ? "&" : "?") + "lang=" + language.substring(0, 2));
                    List<String> found = new ArrayList<>(phoneFindings(browser));
                    found.addAll(accessibilityFindings(browser));
                    found.forEach(f -> findings.add(language + " " + (username.isEmpty() ? "public" : username) + " "
                            + path + ": " + f));
                    if (!found.isEmpty()) {
                        browser.screenshot("phone-" + language + "-" + path.replaceAll("[^a-zA-Z0-9]+", "_"));
                    }
                }
            });
        }
        assertThat(findings).isEmpty();
    }
}
