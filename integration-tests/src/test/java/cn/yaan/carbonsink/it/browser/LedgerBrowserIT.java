package cn.yaan.carbonsink.it.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's pages in Chromium: the officer's projects, buying and paying (demo), the registry, the dashboard. */
class LedgerBrowserIT extends BrowserTest {

    private static String newCode() {
        return "WEB-" + Integer.toString(100_000 + new Random().nextInt(900_000), 36).toUpperCase();
    }

    @Test
    void officerRegistersAProjectAndIssuesUnits() {
        String code = newCode();
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "officer");
        desktop.click("nav:nav-projects");
        desktop.find("inventory");

        // A bad code is refused next to its field, before anything is stored.
        desktop.type("project:code", "bad code");
        desktop.click("project:submit");
        desktop.waitForText("project", "项目编号由大写字母和数字组成");
        assertThat(desktop.text("project")).contains("此项必填。");

        desktop.type("project:code", code);
        desktop.type("project:nameZh", "测试网页林");
        desktop.type("project:nameEn", "Web test forest");
        desktop.type("project:county", "名山区");
        desktop.type("project:standard", "CCER");
        desktop.type("project:methodology", "AR-CM-001-V01");
        desktop.type("project:areaMu", "3200.5");
        desktop.type("project:price", "8000");
        desktop.click("project:submit");
        desktop.waitForText("messages", "项目已登记： " + code);
        assertThat(desktop.text("inventory")).contains(code, "测试网页林");

        new Select(desktop.find("issue:issueProject")).selectByValue(code);
        desktop.type("issue:vintage", "2024");
        desktop.type("issue:quantityKg", "5000");
        desktop.click("issue:submit");
        desktop.waitForText("messages", code + "-2024-0000000001-0000005000");
        assertThat(desktop.text("inventory")).contains("5,000");

        // Issuing into a year to come is refused next to the year.
        new Select(desktop.find("issue:issueProject")).selectByValue(code);
        desktop.type("issue:vintage", "2099");
        desktop.type("issue:quantityKg", "10");
        desktop.click("issue:submit");
        desktop.waitForText("issue", "请输入 2000 年至今的年份。");
        desktop.screenshot("desktop-officer-projects");
        assertClean(desktop);
    }

    @Test
    void citizenBuysPaysAndFindsTheUnitsInTheRegistry() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        phone.open("/account/buy.xhtml");
        new Select(phone.find("buy:project")).selectByValue("BX-PH-01");
        phone.type("buy:quantityKg", "99999999");
        phone.click("buy:submit");
        phone.waitForText("buy", "可用碳汇不足");

        phone.type("buy:quantityKg", "125");
        phone.type("buy:beneficiary", "张小林");
        phone.click("buy:submit");
        phone.waitForText("order-status", "待支付");
        assertThat(phone.text("order-amount")).isEqualTo("¥10.00"); // 125 kg at 80 yuan per tonne
        assertFitsAPhone(phone);
        phone.screenshot("phone-checkout");
        phone.click("checkout:pay");
        phone.waitForText("order-status", "已完成");
        assertThat(phone.text("order-done")).isEqualTo("已支付，已为您注销 125 千克碳汇单位（1 单位 = 1 千克二氧化碳当量），永久不再转让。");
        assertThat(phone.text("retired")).contains("BX-PH-01-2024-");
        assertThat(phone.driver().getPageSource()).as("nothing is held any more").doesNotContain("保留至");
        phone.screenshot("phone-order-retired");

        phone.driver().findElement(By.cssSelector("#retired a")).click();
        phone.waitForText("retirement-result", "张*");
        assertThat(phone.text("retirement-result")).doesNotContain("张小林").contains("直接认购", "125 kg");
        assertFitsAPhone(phone);
        assertClean(phone);
    }

    @Test
    void registryExplainsABadSerialAndFindsAGoodOne() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/registry.xhtml");
        phone.type("serial", "YA-FM-01-23-1");
        phone.click("search-serial-submit");
        phone.waitForText("serial-error", "序列号格式应为");

        phone.type("serial", "YA-FM-01-2023-0000000001");
        phone.click("search-serial-submit");
        phone.waitForText("serial-result", "YA-FM-01-2023-0000000001");
        assertThat(phone.text("serial-status")).isIn("已注销", "尚未注销");
        assertThat(phone.text("projects")).contains("YA-FM-01", "BX-PH-01");
        assertFitsAPhone(phone);
        phone.screenshot("phone-registry");
        assertClean(phone);
    }

    @Test
    void transparencyDashboardReadsWellOnAPhoneInBothLanguages() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/transparency.xhtml");
        assertThat(phone.text("by-scheme")).contains("公众义务植树", "司法生态修复", "生态旅游", "直接认购");
        assertThat(phone.driver().findElements(By.cssSelector("#by-month .bar-row"))).hasSize(12);
        assertThat(phone.text("by-project")).contains("YA-FM-01");
        assertFitsAPhone(phone);
        phone.screenshot("phone-transparency-zh");
        phone.click("nav-lang");
        phone.waitForText("by-scheme", "Eco-tourism");
        assertFitsAPhone(phone);
        phone.screenshot("phone-transparency-en");
        assertClean(phone);
    }
}
