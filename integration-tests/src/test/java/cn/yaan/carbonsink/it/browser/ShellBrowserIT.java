package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell of the site in real Chromium: home page in both languages, login and logout for every role. */
class ShellBrowserIT extends BrowserTest {

    @Test
    void homePageInChineseFitsAPhone() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/");
        assertThat(phone.text("home-title")).isEqualTo("雅安森林碳汇公共服务平台");
        assertThat(phone.text("scheme-duty")).contains("碳汇 + 公众义务");
        assertFitsAPhone(phone);
        phone.screenshot("phone-home-zh");
        assertClean(phone);
    }

    @Test
    void languageSwitchGoesToEnglishAndBack() {
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        desktop.open("/");
        desktop.click("nav-lang");
        desktop.waitForText("home-title", "Ya'an Forest Carbon-Sink Public Platform");
        assertThat(desktop.text("scheme-justice")).contains("Sink + justice");
        desktop.screenshot("desktop-home-en");
        desktop.click("nav-lang");
        desktop.waitForText("home-title", "雅安森林碳汇公共服务平台");
        assertClean(desktop);
    }

    /**
     * The language link keeps the page and every parameter: a page opened with parameters, a page that answered a
     * form (its view parameters), an error page (the address that failed). It once dropped them all (`?lang=en`).
     */
    @Test
    void languageSwitchKeepsThePageAndItsParameters() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(3).toString();
        phone.open("/visit.xhtml?site=BFX&date=" + day);
        phone.click("nav-lang");
        phone.waitForText("nav-lang", "中文");
        assertThat(phone.driver().getCurrentUrl()).contains("/visit.xhtml?", "site=BFX", "date=" + day, "lang=en");
        assertThat(phone.find("date").getAttribute("value")).isEqualTo(day);
        assertThat(phone.find("site").getAttribute("value")).isEqualTo("BFX");
        phone.click("nav-lang");
        phone.waitForText("nav-lang", "English");
        assertThat(phone.driver().getCurrentUrl()).contains("site=BFX", "date=" + day, "lang=zh")
                .doesNotContain("lang=en");

        phone.open("/login.xhtml?next=%2Fcitizen%2Fduty.xhtml");
        phone.type("login:username", "officer");
        phone.type("login:password", "not-the-password-1");
        phone.click("login:submit");
        phone.waitForText("login", "用户名或密码错误。");
        assertThat(phone.find("nav-lang").getAttribute("href")).contains("/login.xhtml?", "lang=en",
                "next=%2Fcitizen%2Fduty.xhtml");

        phone.open("/no-such-page.xhtml?from=qr");
        phone.find("error-404");
        assertThat(phone.find("nav-lang").getAttribute("href")).contains("/no-such-page.xhtml?from=qr&lang=en");
    }

    @Test
    void englishBrowserGetsEnglish() {
        Browser phone = open(Browser.Size.PHONE, "en-GB");
        phone.open("/");
        assertThat(phone.text("home-title")).isEqualTo("Ya'an Forest Carbon-Sink Public Platform");
        phone.screenshot("phone-home-en");
        assertClean(phone);
    }

    @ParameterizedTest
    @CsvSource({"citizen, PHONE", "court, DESKTOP", "officer, DESKTOP", "gate, PHONE", "admin, DESKTOP"})
    void everyRoleLogsInAndOut(String username, Browser.Size size) {
        Browser browser = open(size, "zh-CN");
        browser.open("/login.xhtml");
        browser.type("login:username", username);
        browser.type("login:password", Api.DEMO_PASSWORD);
        browser.screenshot(size.name().toLowerCase() + "-login-" + username);
        browser.click("login:submit");
        browser.waitForText("nav:user", username);
        assertThat(browser.present("nav:login")).isFalse();
        browser.screenshot(size.name().toLowerCase() + "-logged-in-" + username);
        browser.click("nav:logout");
        browser.find("nav:login");
        assertThat(browser.present("nav:user")).isFalse();
        assertClean(browser);
    }

    @Test
    void wrongPasswordIsShownNextToTheField() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/login.xhtml");
        phone.type("login:username", "officer");
        phone.type("login:password", "not-the-password-1");
        phone.click("login:submit");
        phone.waitForText("login", "用户名或密码错误。");
        phone.screenshot("phone-login-failed");
        assertThat(phone.present("nav:user")).isFalse();
    }
}
