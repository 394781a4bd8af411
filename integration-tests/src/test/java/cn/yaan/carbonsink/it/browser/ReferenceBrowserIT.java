package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.ReferenceDataIT;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officers' reference-data page: the versions with their sources, estimates marked; a new version refused next
 * to its field (a published source without its table, a day in the past), then recorded; a court is refused the
 * page. The species is the suite's own, so no other suite's figures change.
 */
class ReferenceBrowserIT extends BrowserTest {

    private final Api api = Api.server();

    private static void setDate(Browser browser, String id, LocalDate day) {
        browser.script("document.getElementById('" + id + "').value = '" + day + "';");
    }

    @Test
    void anOfficerRecordsANewVersionWithItsSourceAndACourtIsRefusedThePage() {
        String name = ReferenceDataIT.speciesName();
        LocalDate today = ReferenceDataIT.serverToday(api);
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "officer");
        desktop.click("nav:nav-reference");
        assertThat(desktop.text("species-versions")).contains("杉木", "Estimate: CCER AR-CM-001-V01 (2013)", "v1", "估算值");
        assertThat(desktop.text("factor-versions")).contains("LODGING", "估算值");

        desktop.type("species:nameZh", name);
        desktop.type("species:nameEn", "Test species");
        desktop.type("species:svd", "0.4");
        desktop.type("species:bef", "1.5");
        desktop.type("species:rootShoot", "0.25");
        desktop.type("species:carbonFraction", "0.5");
        desktop.type("species:source", "Test forestry yearbook");
        desktop.type("species:sourceYear", "2021");
        setDate(desktop, "species:validFrom", today.minusDays(1));
        desktop.click("species:submit");
        desktop.waitForText("species", "请填写数值所在的表");

        desktop.type("species:sourceTable", "表 3");
        desktop.click("species:submit");
        desktop.waitForText("species", "生效日期不能早于今天");

        setDate(desktop, "species:validFrom", today);
        desktop.click("species:submit");
        desktop.waitForText("messages", "已登记新版本： " + name + " v1");
        assertThat(desktop.text("species-versions")).contains(name, "Test forestry yearbook, 表 3, 2021");
        assertThat(accessibilityFindings(desktop)).isEmpty();
        desktop.screenshot("desktop-officer-reference");
        assertClean(desktop);

        // A factor's version for later, in English: the list shows it beside the one in force.
        Browser english = open(Browser.Size.DESKTOP, "en");
        login(english, "officer");
        english.open("/officer/reference.xhtml");
        new Select(english.find("factorVersion:code")).selectByValue("ON_SITE");
        english.type("factorVersion:factor", "2");
        english.type("factorVersion:source", "Estimate: product default for activities on site");
        english.type("factorVersion:sourceYear", "2024");
        english.click("factorVersion:estimate");
        setDate(english, "factorVersion:validFrom", today.plusYears(20));
        english.click("factorVersion:submit");
        english.waitForText("messages", "Recorded the new version: ON_SITE v");
        assertThat(english.text("factor-versions")).contains("estimate", today.plusYears(20).toString());
        assertClean(english);

        Browser court = open(Browser.Size.PHONE, "zh-CN");
        login(court, "court");
        assertThat(court.present("nav:nav-reference")).isFalse();
        court.open("/officer/reference.xhtml");
        assertThat(court.present("species")).isFalse();
        assertThat(court.present("factorVersion:submit")).isFalse();
    }
}
