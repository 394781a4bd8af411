package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's pages on a phone, in both languages: a staff account made for a scenic site, refused first for
 * its password next to the field; the account disabled (its holder's open page then sends them to the login page),
 * enabled, and given a temporary password shown once; the audit trail lists each change with its actor; citizens
 * appear masked. A court and an officer are refused the pages.
 */
class AdminBrowserIT extends BrowserTest {

    private final Api api = Api.server();

    private static WebElement row(Browser browser, String username) {
        return browser.driver().findElement(By.cssSelector("tr[data-username='" + username + "']"));
    }

    @Test
    void anAdministratorMakesDisablesAndResetsAStaffAccountAndReadsTheAuditTrail() {
        String username = "gate" + UUID.randomUUID().toString().substring(0, 6);
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "admin");
        phone.click("nav:nav-accounts");
        phone.find("staff-list");
        assertThat(phone.text("citizen-list")).contains("511802********0019").doesNotContain("511802199005120019");

        phone.type("create:username", username);
        phone.type("create:displayName", "碧峰峡 东门检票员");
        phone.type("create:password", "12345678");
        phone.driver().findElement(By.cssSelector("input[name='create:roles'][value='SITE_OPERATOR']")).click();
        new Select(phone.find("create:organisation")).selectByValue("SITE-BFX");
        phone.click("create:submit");
        phone.waitForText("create", "至少含一个字母和一个数字");
        assertFitsAPhone(phone);
        // The refused form keeps what was chosen; only the password is typed again.
        assertThat(phone.driver().findElement(By.cssSelector("input[name='create:roles'][value='SITE_OPERATOR']"))
                .isSelected()).isTrue();
        phone.type("create:password", "Gate#Forest-26");
        phone.click("create:submit");
        phone.waitForText("messages", "已新建账户 " + username);
        assertThat(row(phone, username).getText()).contains("景区检票员", "SITE-BFX", "启用");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-admin-accounts");

        // The administrator's own account is not theirs to disable.
        row(phone, "admin").findElement(By.cssSelector("input[value='停用']")).click();
        phone.waitForText("messages", "不能停用自己的账户");
        assertThat(row(phone, "admin").getText()).contains("启用");

        // The new account's holder at the gate page; disabled, the next page sends them to sign in.
        Browser holder = open(Browser.Size.PHONE, "zh-CN");
        login(holder, username, "Gate#Forest-26");
        holder.open("/site/dashboard.xhtml");
        assertThat(holder.driver().getCurrentUrl()).contains("/site/dashboard.xhtml");
        row(phone, username).findElement(By.cssSelector("input[value='停用']")).click();
        phone.waitForText("messages", "已停用账户");
        assertThat(row(phone, username).getText()).contains("已停用");
        holder.open("/site/dashboard.xhtml");
        assertThat(holder.driver().getCurrentUrl()).contains("/login.xhtml");

        row(phone, username).findElement(By.cssSelector("input[value='启用']")).click();
        phone.waitForText("messages", "已重新启用账户");
        row(phone, username).findElement(By.cssSelector("input[value='重置密码']")).click();
        String temporary = phone.text("temporary-value");
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(15);
        assertThat(api.postJson("/api/v1/auth/token", "{\"username\":\"" + username + "\",\"password\":\"" + temporary
                + "\"}").status()).isEqualTo(200);
        assertFitsAPhone(phone);

        phone.click("audit-link");
        phone.find("audit-list");
        phone.type("who", username);
        phone.click("show");
        phone.waitForText("audit-list", "重置密码");
        assertThat(phone.text("audit-list")).contains("新建账户", "停用账户", "启用账户", "admin").doesNotContain(temporary);
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-admin-audit");

        // Both pages in English, keeping the filter.
        phone.click("nav-lang");
        phone.waitForText("audit-list", "Password reset");
        assertThat(phone.driver().getCurrentUrl()).contains("who=" + username);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.click("accounts-link");
        phone.waitForText("staff-list", "Gate staff");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.click("nav-lang");
        phone.waitForText("staff-list", "景区检票员");
        assertClean(phone);
    }

    @Test
    void aCourtAndAnOfficerAreRefusedTheAdministratorsPages() {
        for (String user : new String[]{"court", "officer"}) {
            Browser phone = open(Browser.Size.PHONE, "zh-CN");
            login(phone, user);
            assertThat(phone.present("nav:nav-accounts")).isFalse();
            phone.open("/admin/accounts.xhtml");
            assertThat(phone.present("staff-list")).isFalse();
            phone.open("/admin/audit.xhtml");
            assertThat(phone.present("audit-list")).isFalse();
        }
    }
}
