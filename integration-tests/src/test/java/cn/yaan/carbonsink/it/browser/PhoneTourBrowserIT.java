package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.RestorationIT;
import cn.yaan.carbonsink.it.SitePages;
import cn.yaan.carbonsink.it.TestProjects;
import cn.yaan.carbonsink.it.TestSites;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the site on a 390 px phone, in both languages, as the audience it is for sees it: nothing beyond
 * the screen's edge (tables become cards), every control a thumb can hit (at least 44 x 44 px, WCAG 2.5.5; links
 * inside a sentence are exempt, a check box counts with its label), no number, amount or code broken across two
 * lines, and no serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA).
 *
 * <p>Then each role's main journey on the same 390 x 844 phone, walked by tapping: every page it reaches gets the
 * same checks and a screenshot ({@code journey-<role>-<step>-<page>.png}), and every page with parameters is switched
 * to the other language and back, which must keep its parameters and show the same records.
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
                    List<String> found = pageFindings(browser);
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

    /** What the tour finds wrong with the page a browser shows: the phone probe's findings and axe-core's. */
    private static List<String> pageFindings(Browser browser) {
        List<String> found = new ArrayList<>(phoneFindings(browser));
        found.addAll(accessibilityFindings(browser));
        return found;
    }

    // ---------------------------------------------------------------- journeys

    /** A citizen: 我的, this year's duty, the planting events, an order of theirs, buying units. */
    @Test
    void aCitizensJourney() {
        Api api = Api.server();
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1000);
        Api.Reply order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":4}",
                api.token("citizen"));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);

        Journey citizen = new Journey("citizen", "citizen");
        citizen.tap("nav:nav-mine").tap("nav:nav-duty").tap("duty-events").tap("nav:nav-mine")
                .tap(By.cssSelector("#mine-orders a[href*='id=" + order.json().getJsonNumber("id") + "']"))
                .tap("nav:nav-buy");
        citizen.finish();
    }

    /** A tourist: a site's day, a slot, the booking form, the checkout, the ticket and its certificate. */
    @Test
    void aTouristsJourney() {
        Api api = Api.server();
        Instant start = Instant.parse(TestSites.newSlot(api, "BFX", 10).getString("start"));
        Journey tourist = new Journey("tourist", "citizen");
        tourist.tap("nav:nav-visit")
                .go("/visit.xhtml?site=BFX&date=" + start.atZone(TestSites.CST).toLocalDate())
                .tap(By.cssSelector("#slots a"));
        tourist.phone.type("book:party:0:name", "欧阳娜娜");
        tourist.phone.type("book:party:0:idNumber", TestSites.residentId("19900101", 11));
        tourist.phone.type("book:distanceKm", "150");
        tourist.phone.type("book:occupants", "3");
        tourist.phone.type("book:days", "2");
        tourist.phone.type("book:nights", "1");
        tourist.tap("book:submit").tap("checkout:pay").tap("certificate");
        tourist.finish();
    }

    /** A court's clerk: the court's orders, one order, buying its units in lieu, paying, back to the case. */
    @Test
    void aCourtsJourney() {
        Api api = Api.server();
        long id = restorationOrder(api, "PURCHASE_IN_LIEU", null);
        Journey court = new Journey("court", "court");
        court.tap("nav:nav-restorations-court").tap(caseLink(id)).tap("purchase:buy").tap("checkout:pay")
                .tap("order-case").tap("nav:nav-mine");
        court.finish();
    }

    /** A forestry officer: the orders to act on, one order, projects, planting events, the duty's settings. */
    @Test
    void anOfficersJourney() {
        Api api = Api.server();
        long id = restorationOrder(api, "REPLANT", RestorationIT.replant(20));
        Journey officer = new Journey("officer", "officer");
        officer.tap("nav:nav-restorations-officer").tap(caseLink(id)).tap("nav:nav-projects").tap("nav:nav-events")
                .tap("nav:nav-officer-duty");
        officer.finish();
    }

    /** A scenic site's gate staff: the scanner and the site's day. */
    @Test
    void aGateStaffJourney() {
        Journey gate = new Journey("gate", "gate");
        gate.tap("nav:nav-gate").tap("dashboard");
        gate.finish();
    }

    /** An administrator: the public registry, one retirement in it, the transparency figures, 我的. */
    @Test
    void anAdministratorsJourney() {
        Api api = Api.server();
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1000);
        Api.Reply retired = api.postJson("/api/v1/retirements", "{\"projectCode\":\"" + code + "\",\"quantityKg\":3,"
                + "\"beneficiary\":\"雅安茶业有限公司\",\"purpose\":\"DIRECT\"}", api.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        Journey admin = new Journey("admin", "admin");
        admin.tap("nav:nav-registry")
                .tap(By.cssSelector("a[href$='retirement=" + retired.json().getJsonNumber("id") + "']"))
                .tap("nav:nav-transparency").tap("nav:nav-mine");
        admin.finish();
    }

    private static long restorationOrder(Api api, String remedy, String replant) {
        Api.Reply created = api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                RestorationIT.residentId(), remedy, replant), api.token("court"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    private static By caseLink(long id) {
        return By.cssSelector("#restorations a[href$='id=" + id + "']");
    }

    /**
     * One role's walk on a 390 x 844 phone in Chinese. Each page it arrives at is checked as the tour checks pages and
     * photographed; a page with parameters is switched to English and back: the address keeps its parameters and
     * the page shows the same elements and the same numbers and codes, and the English page is checked too.
     */
    private final class Journey {

        final Browser phone;
        private final String role;
        private final List<String> findings = new ArrayList<>();
        private int step;

        Journey(String role, String username) {
            this.role = role;
            this.phone = open(Browser.Size.PHONE, "zh-CN");
            login(phone, username);
        }

        Journey tap(String id) {
            return tap(By.id(id));
        }

        /** Taps the element and checks the page it leads to. */
        Journey tap(By element) {
            WebElement page = phone.driver().findElement(By.tagName("html"));
            new WebDriverWait(phone.driver(), Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(element))
                    .click();
            loaded(page);
            return arrived();
        }

        /** Opens an address (as from a link shared or bookmarked) and checks the page. */
        Journey go(String path) {
            phone.open(path);
            return arrived();
        }

        private void loaded(WebElement previous) {
            WebDriverWait wait = new WebDriverWait(phone.driver(), Duration.ofSeconds(20));
            wait.until(ExpectedConditions.stalenessOf(previous));
            wait.until(d -> "complete".equals(phone.script("return document.readyState;")));
        }

        private Journey arrived() {
            String page = page();
            check(page);
            Map<String, String> parameters = parameters();
            if (!parameters.isEmpty()) {
                String language = language();
                Snapshot before = snapshot();
                switchLanguage();
                assertThat(language()).as(role + " " + page + ": the language switched").isNotEqualTo(language);
                same(page, parameters, before);
                check(page + "-" + language());
                switchLanguage();
                assertThat(language()).as(role + " " + page + ": the language switched back").isEqualTo(language);
                same(page, parameters, before);
            }
            return this;
        }

        private void switchLanguage() {
            WebElement page = phone.driver().findElement(By.tagName("html"));
            phone.click("nav-lang");
            loaded(page);
        }

        /** The page's parameters survived the switch, and it shows the same records as before it. */
        private void same(String page, Map<String, String> parameters, Snapshot before) {
            Map<String, String> now = parameters();
            assertThat(now).as(role + " " + page + ": the parameters after switching language").isEqualTo(parameters);
            Snapshot after = snapshot();
            assertThat(after.ids()).as(role + " " + page + ": the page's elements in the other language")
                    .containsAll(before.ids());
            assertThat(after.tokens()).as(role + " " + page + ": its numbers and codes in the other language")
                    .isEqualTo(before.tokens());
        }

        private void check(String page) {
            pageFindings(phone).forEach(f -> findings.add(role + " " + phone.driver().getCurrentUrl() + ": " + f));
            phone.screenshot("journey-" + role + "-" + (++step) + "-" + page);
        }

        /** Fails on what the pages of the walk did wrong, or on a JavaScript error or failed request on the way. */
        void finish() {
            assertThat(findings).as(role + "'s journey").isEmpty();
            assertClean(phone);
        }

        private String page() {
            String path = URI.create(phone.driver().getCurrentUrl()).getPath();
            return path.replaceAll("^/|\\.xhtml$", "").replaceAll("[^a-zA-Z0-9]+", "_");
        }

        private String language() {
            return phone.driver().findElement(By.tagName("html")).getAttribute("lang");
        }

        /** The address's parameters but the language. */
        private Map<String, String> parameters() {
            String query = URI.create(phone.driver().getCurrentUrl()).getRawQuery();
            Map<String, String> parameters = new TreeMap<>();
            if (query != null) {
                Arrays.stream(query.split("&")).filter(p -> !p.isEmpty()).map(p -> p.split("=", 2))
                        .filter(p -> !p[0].equals("lang")).forEach(p -> parameters.put(p[0], p.length > 1 ? p[1] : ""));
            }
            return parameters;
        }

        @SuppressWarnings("unchecked")
        private Snapshot snapshot() {
            // getAttribute: a form's "id" property is its input named "id" where it has one.
            List<String> ids = (List<String>) phone.script("return [...document.querySelectorAll('main [id]')]"
                    + ".map(e => e.getAttribute('id')).filter(id => !id.includes('j_id'));");
            List<String> tokens = (List<String>) phone.script("return [...document.querySelectorAll('main .token')]"
                    + ".map(e => e.textContent.trim());");
            return new Snapshot(ids, tokens);
        }
    }

    private record Snapshot(List<String> ids, List<String> tokens) {
    }
}
