package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.TestOrganisations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enterprise registers on a phone with its unified social credit code (a mistyped check character shown next to
 * the code), waits for approval, an officer approves it on the queue, and its administrator adds a buyer.
 */
class IndustryBrowserIT extends BrowserTest {

    @Test
    void anEnterpriseRegistersAnOfficerApprovesItAndItsAdministratorAddsABuyer() {
        String code = TestOrganisations.enterpriseCode();
        String admin = TestOrganisations.username();

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/register.xhtml");
        phone.click("register-organisation");
        phone.type("organisation:creditCode", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'));
        phone.type("organisation:name", "雅安浏览器测试茶业有限公司");
        phone.type("organisation:contactName", "刘德明");
        phone.type("organisation:contactPhone", "13712345678");
        phone.type("organisation:username", admin);
        phone.type("organisation:password", TestOrganisations.PASSWORD);
        phone.click("organisation:consent");
        phone.click("organisation:submit");
        phone.waitForText("organisation", "校验码");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();

        phone.find("organisation:creditCode").clear();
        phone.type("organisation:creditCode", code);
        phone.type("organisation:password", TestOrganisations.PASSWORD);
        phone.click("organisation:submit");
        phone.find("login:username");
        login(phone, admin, TestOrganisations.PASSWORD);
        phone.click("nav:nav-organisation");
        phone.waitForText("status", "注册待审核");
        assertThat(phone.text("code")).isEqualTo(code);
        assertThat(phone.driver().getPageSource()).doesNotContain("刘德明").doesNotContain("13712345678");
        assertThat(phone.present("member:submit")).as("members are added once approved").isFalse();

        Browser officer = open(Browser.Size.DESKTOP, "zh-CN");
        login(officer, "officer");
        officer.click("nav:nav-organisations");
        officer.waitForText("pending", code);
        officer.type("decide:code", code);
        officer.click("decide:approve");
        officer.waitForText("messages", "已通过");
        assertThat(officer.text("pending")).doesNotContain(code);
        assertThat(accessibilityFindings(officer)).isEmpty();
        officer.screenshot("officer-organisations");

        phone.open("/organisation/home.xhtml");
        phone.waitForText("status", "注册已通过审核");
        String buyer = TestOrganisations.username();
        phone.type("member:username", buyer);
        phone.type("member:displayName", "采购 小李");
        phone.type("member:password", "Buyer#Forest-26");
        phone.click("member:submit");
        phone.waitForText("messages", "成员已添加");
        assertThat(phone.text("members")).contains(buyer, "单位采购员");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-organisation-home");
        assertClean(phone);
        assertClean(officer);
    }
}
