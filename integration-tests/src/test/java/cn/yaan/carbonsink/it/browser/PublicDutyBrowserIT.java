package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.CertificateFiles;
import cn.yaan.carbonsink.it.TestCitizens;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public duty in Chromium: a citizen registers on a phone, sees the duty, pays for units (demo) and downloads
 * the certificate; an officer records an attendance from a citizen's QR code.
 */
class PublicDutyBrowserIT extends BrowserTest {

    private static final Random RANDOM = new Random();
    private static final String PASSWORD = "Plant3Trees";

    /** A valid resident ID number of someone aged 30 this year. */
    private static String idNumber() {
        return TestCitizens.idNumber(TestCitizens.agedInYear(30));
    }

    private static String username() {
        return "w" + Long.toString(Math.abs(RANDOM.nextLong()), 36);
    }

    @Test
    void aCitizenRegistersSeesTheDutyPaysAndDownloadsTheCertificate() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/login.xhtml");
        phone.click("register");
        String username = username();
        String id = idNumber();
        phone.type("register:username", username);
        phone.type("register:name", "赵六");
        phone.type("register:idNumber", id.substring(0, 17) + (id.endsWith("1") ? "2" : "1"));
        phone.type("register:phone", "1391234");
        phone.type("register:password", "short");
        phone.click("register:submit");
        phone.waitForText("register", "身份证号无效");
        assertThat(phone.text("register")).contains("手机号为11位数字", "密码至少8位", "注册须同意");
        assertFitsAPhone(phone);

        phone.type("register:idNumber", id);
        phone.type("register:phone", "13912345678");
        phone.type("register:password", PASSWORD);
        phone.click("register:consent");
        phone.click("register:submit");
        phone.waitForText("messages", "注册成功");

        login(phone, username, PASSWORD);
        phone.click("nav:nav-duty");
        phone.waitForText("duty-status", "未完成");
        assertThat(phone.text("duty-trees")).isEqualTo("0 / 3");
        assertThat(phone.driver().getPageSource()).doesNotContain(id).contains(id.substring(0, 6) + "********");
        assertFitsAPhone(phone);
        phone.screenshot("phone-duty-open");

        phone.type("buy:trees", "3");
        phone.click("buy:submit");
        phone.waitForText("order-status", "待支付");
        phone.click("checkout:pay");
        phone.waitForText("order-status", "已完成");
        phone.click("order-duty");
        phone.waitForText("duty-status", "已尽责");
        assertThat(phone.text("duty-trees")).isEqualTo("3 / 3");
        assertThat(phone.text("duty-records")).contains("认购碳汇");
        String pdf = phone.find("duty-pdf").getAttribute("href");
        phone.screenshot("phone-duty-fulfilled");
        assertFitsAPhone(phone);
        assertClean(phone);

        // The holder's own PDF, with the full name; never cached. The public one masks the name.
        Object own = ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => {
                    const bytes = new Uint8Array(await r.arrayBuffer());
                    let binary = '';
                    bytes.forEach(b => binary += String.fromCharCode(b));
                    done([r.status, r.headers.get('Content-Type'), r.headers.get('Cache-Control'), btoa(binary)]);
                }, e => done([0, String(e), '', '']));
                """, pdf);
        List<?> answer = (List<?>) own;
        assertThat(((Number) answer.get(0)).intValue()).isEqualTo(200);
        assertThat((String) answer.get(1)).startsWith("application/pdf");
        assertThat((String) answer.get(2)).contains("no-store");
        assertThat(CertificateFiles.text(java.util.Base64.getDecoder().decode((String) answer.get(3)))).contains("赵六");
        String number = pdf.substring(pdf.indexOf("/certificates/") + "/certificates/".length(), pdf.lastIndexOf("/pdf"));
        assertThat(CertificateFiles.text(Api.server().get("/api/v1/public/certificates/" + number + "/pdf").bytes()))
                .contains("赵*").doesNotContain("赵六");
        CertificateShots.save(Api.server(), number, "public-duty");
    }

    @Test
    void anOfficerRecordsAnAttendanceFromTheCitizensQrCode() {
        Api api = Api.server();
        String username = username();
        Api.Reply registered = api.postJson("/api/v1/public/citizens", Json.createObjectBuilder().add("username", username)
                .add("name", "孙七").add("idNumber", idNumber()).add("phone", "13712345678").add("password", PASSWORD)
                .add("consent", true).build().toString());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String site = "名山区植树点 " + RANDOM.nextInt(10_000);
        Api.Reply event = api.postJson("/api/v1/planting-events", Json.createObjectBuilder().add("site", site)
                .add("date", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()).add("places", 50)
                .add("treesPerAttendee", 3).build().toString(), api.token("officer"));
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        String eventId = String.valueOf(event.json().getJsonNumber("id").longValue());

        // The citizen signs up and opens the QR page on a phone.
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, username, PASSWORD);
        phone.open("/citizen/events.xhtml");
        phone.driver().findElement(By.xpath("//tr[td[contains(., '" + site + "')]]//input[@type='submit']")).click();
        phone.waitForText("messages", "报名成功");
        phone.open("/citizen/qr.xhtml");
        assertThat(phone.driver().findElements(By.cssSelector("#attendance-qr svg"))).hasSize(1);
        assertThat(phone.driver().getPageSource()).doesNotContain("孙七");
        assertFitsAPhone(phone);
        phone.screenshot("phone-attendance-qr");
        assertClean(phone);

        // The officer's phone camera reads the citizen's code: the attendance is recorded without typing, and the
        // event stays chosen for the next citizen in the queue.
        String qr = api.get("/api/v1/me/attendance-qr", api.login(username, PASSWORD)).json().getString("text");
        Browser officerPhone = openWithCameraShowing(Browser.Size.PHONE, "zh-CN", qr);
        login(officerPhone, "officer", Api.DEMO_PASSWORD);
        officerPhone.open("/officer/events.xhtml");
        new Select(officerPhone.find("attend:eventId")).selectByValue(eventId);
        officerPhone.click("camera-start");
        officerPhone.waitForText("messages", "已记录签到");
        assertThat(officerPhone.text("messages")).contains("孙*").doesNotContain("孙七");
        assertThat(new Select(officerPhone.find("attend:eventId")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(eventId);
        assertFitsAPhone(officerPhone);
        officerPhone.screenshot("phone-officer-attendance-camera");
        assertClean(officerPhone);

        // What a hand scanner would type: the same signed text, refused the second time.
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "officer", Api.DEMO_PASSWORD);
        desktop.click("nav:nav-events");
        new Select(desktop.find("attend:eventId")).selectByValue(eventId);
        desktop.type("attend:citizenQr", qr);
        desktop.click("attend:submit");
        desktop.waitForText("attend", "该公民已在本活动签到");
        desktop.screenshot("desktop-officer-attendance");

        // A new event made on the page is created and said so (the form once shared its id with the page's
        // "event" parameter, and the page kept the values and created nothing, silently).
        String nextSite = "雨城区植树点 " + RANDOM.nextInt(10_000);
        desktop.type("newEvent:site", nextSite);
        desktop.script("document.getElementById('newEvent:date').value = '"
                + LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7) + "';");
        desktop.type("newEvent:places", "20");
        desktop.click("newEvent:submit");
        desktop.waitForText("messages", "已创建活动： " + nextSite);
        assertThat(desktop.text("event-list")).contains(nextSite);

        // Four hours of tending, converted at two hours a tree, on top of the three trees planted.
        desktop.click("nav:nav-officer-duty");
        desktop.type("fulfil:username", username);
        new Select(desktop.find("fulfil:form")).selectByValue("TENDING");
        desktop.type("fulfil:hours", "4");
        desktop.click("fulfil:submit");
        desktop.waitForText("messages", "已登记尽责： " + username + " 5/3");
        desktop.screenshot("desktop-officer-duty");
        assertClean(desktop);
    }

    /**
     * A newcomer from the home page: the register link, an empty ID number asked for (not called invalid), the
     * password rule said once, the personal-data notice one tap away; registered, the citizen is signed in on the
     * duty page.
     */
    @Test
    void aNewcomerRegistersFromTheHomePageAndIsSignedIn() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open("/");
        assertThat(phone.find("home-visit").getAttribute("href")).contains("/visit.xhtml");
        assertThat(phone.find("home-duty").getAttribute("href")).contains("/citizen/duty.xhtml");
        phone.click("home-register");
        String username = username();
        phone.type("register:username", username);
        phone.type("register:name", "周八");
        phone.type("register:phone", "13612345678");
        phone.type("register:password", "short");
        phone.click("register:consent");
        phone.click("register:submit");
        phone.waitForText("register", "请填写18位身份证号。");
        assertThat(phone.text("register")).doesNotContain("身份证号无效");
        assertThat(phone.text("register").split("至少8位", -1)).as("the password rule, once").hasSize(2);
        assertThat(phone.find("register:notice").getAttribute("href")).contains("/privacy.xhtml");
        assertFitsAPhone(phone);
        phone.screenshot("phone-register-errors");

        phone.type("register:idNumber", idNumber());
        phone.type("register:password", PASSWORD);
        if (!phone.find("register:consent").isSelected()) {
            phone.click("register:consent");
        }
        phone.click("register:submit");
        phone.waitForText("messages", "注册成功，已为您登录。");
        assertThat(phone.driver().getCurrentUrl()).contains("/citizen/duty.xhtml");
        assertThat(phone.text("nav:user")).isEqualTo(username);
        assertClean(phone);

        phone.open("/privacy.xhtml");
        assertThat(phone.text("privacy-text")).contains("加密保存");
        assertFitsAPhone(phone);
    }
}
