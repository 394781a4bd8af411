package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestCitizens;
import cn.yaan.carbonsink.it.TestSites;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account settings on a phone: a citizen changes the password from 我的, saves a visitor, forgets the password and
 * resets it with the code an administrator reads in the development SMS outbox, then books for themself and the
 * saved visitor without typing an ID number.
 */
class AccountBrowserIT extends BrowserTest {

    private static final String CHANGED = "Cloud#Forest-88";
    private static final String RESET = "River#Forest-99";
    private final Api api = Api.server();

    @Test
    void aCitizenChangesAndResetsThePasswordAndBooksWithASavedVisitor() {
        String mobile = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, mobile);
        String visitorId = TestCitizens.idNumber(TestCitizens.agedInYear(10));

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, citizen.username(), TestCitizens.PASSWORD);
        phone.click("nav:nav-mine");
        phone.click("mine-settings");
        phone.type("password:currentPassword", TestCitizens.PASSWORD);
        phone.type("password:newPassword", CHANGED);
        phone.click("password:submit");
        phone.waitForText("messages", "密码已修改");

        phone.type("visitor:name", "王小雨");
        phone.type("visitor:idNumber", visitorId);
        phone.click("visitor:submit");
        phone.waitForText("messages", "已保存常用游客");
        assertThat(phone.text("settings-visitors")).contains("王**", visitorId.substring(0, 6) + "********")
                .doesNotContain(visitorId);
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-account-settings");

        // Forgotten: the code goes to the registered mobile, which the development outbox shows the administrator.
        phone.click("nav:logout");
        phone.find("nav:login");
        phone.open("/login.xhtml");
        phone.click("forgot");
        phone.type("request:account", citizen.username());
        phone.click("request:send");
        phone.waitForText("messages", "验证码已发送");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();

        Browser admin = open(Browser.Size.PHONE, "zh-CN");
        login(admin, "admin");
        admin.click("nav:nav-mine");
        admin.click("mine-sms");
        WebElement message = admin.driver().findElements(By.className("sms-message")).stream()
                .filter(m -> m.getText().contains(mobile)).findFirst().orElseThrow();
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(message.findElement(By.className("sms-text")).getText());
        assertThat(code.find()).isTrue();
        assertFitsAPhone(admin);
        assertThat(accessibilityFindings(admin)).isEmpty();

        phone.type("reset:code", code.group(1));
        phone.type("reset:newPassword", RESET);
        phone.click("reset:submit");
        phone.waitForText("nav:user", citizen.username());
        phone.waitForText("mine-username", citizen.username());
        assertThat(api.postJson("/api/v1/auth/token", "{\"username\":\"" + citizen.username() + "\",\"password\":\""
                + CHANGED + "\"}").status()).as("the password before the reset").isEqualTo(401);

        // Booking for myself and the saved visitor: nothing typed but the trip.
        long slot = TestSites.newSlot(api, "BFX", 5).getJsonNumber("id").longValue();
        phone.open("/account/book.xhtml?slot=" + slot);
        phone.click("book:myself");
        phone.find("book:pick");
        new Select(phone.find("book:pick")).selectByIndex(1);
        phone.click("book:addPicked");
        List<String> party = phone.driver().findElements(By.className("saved-person")).stream()
                .map(WebElement::getText).toList();
        assertThat(party).hasSize(2);
        assertThat(party.get(1)).contains("王**").doesNotContain(visitorId);
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-book-saved-visitors");
        phone.click("book:submit");
        String bookingNo = phone.text("booking-no");

        JsonObject booking = api.get("/api/v1/bookings/" + bookingNo, api.login(citizen.username(), RESET)).json();
        assertThat(booking.getInt("partySize")).isEqualTo(2);
        assertThat(booking.toString()).contains("测***", "王**").doesNotContain(visitorId);
        assertClean(phone);
        assertClean(admin);
    }
}
