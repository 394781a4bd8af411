package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestSites;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visit in Chromium at phone size: choose a slot, enter the party and the trip, book, pay (demo), see the ticket;
 * the gate page admits it once, refuses the second scan with the first one's gate, and keeps working offline.
 */
class VisitBrowserIT extends BrowserTest {

    private final Api api = Api.server();

    /**
     * Only the gate's own refusals (409, 422 from a check-in) and the calls to the site API that could not leave while
     * the network was off are expected; anything else, a 5xx of the site API included, fails the journey.
     */
    private static void assertCleanGate(Browser gate) {
        assertThat(gate.problems().stream().filter(p -> !expectedAtTheGate(p))).isEmpty();
    }

    static boolean expectedAtTheGate(String problem) {
        boolean checkIn = problem.contains("/api/v1/site/check-ins");
        boolean refusal = problem.matches("request failed: (409|422) .*") || problem.contains("status of 409 (Conflict)")
                || problem.contains("status of 422 (Unprocessable");
        boolean offline = problem.contains("/api/v1/site/") && problem.contains("net::ERR_INTERNET_DISCONNECTED");
        return checkIn && refusal || offline;
    }

    private void scan(Browser gate, String qr) {
        gate.script("document.getElementById('verdict').dataset.result = '';");
        gate.type("manual-qr", qr);
        gate.click("manual-submit");
        new WebDriverWait(gate.driver(), Duration.ofSeconds(15)).until(d ->
                !"".equals(gate.script("return document.getElementById('verdict').dataset.result || '';")));
    }

    /** A paid booking is cancelled only after the page said what cancelling does, and the visitor confirmed. */
    @Test
    void aPaidBookingIsCancelledOnlyAfterTheVisitorSawTheConsequences() {
        long slot = TestSites.newSlot(api, "BFX", 10).getJsonNumber("id").longValue();
        String bookingNo = TestSites.paidBooking(api, api.token("citizen"), slot).getString("bookingNo");
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        phone.open("/account/booking.xhtml?no=" + bookingNo);
        phone.click("manage:cancel");
        // The slot is weeks ahead: the cancellation rule gives the payment back, the units stay retired.
        phone.waitForText("cancel-consequences", "全额退还");
        assertThat(phone.text("cancel-consequences")).contains("碳中和证书继续有效").contains("24");
        assertThat(phone.text("booking-status")).isEqualTo("已确认");
        assertFitsAPhone(phone);
        phone.screenshot("phone-booking-cancel-confirm");
        phone.click("manage:cancel-no");
        phone.find("manage:cancel");
        assertThat(phone.text("booking-status")).isEqualTo("已确认");
        phone.click("manage:cancel");
        phone.click("manage:cancel-yes");
        phone.waitForText("booking-status", "已取消");
        assertClean(phone);
    }

    /**
     * A refusal tells the gate staff what to tell the visitor: when entry opens for an early ticket, which site and
     * slot a ticket of another site is for. Once they read only "未到入园时间" and "非本景区门票".
     */
    @Test
    void theGateSaysWhenEntryOpensAndWhichSiteATicketIsFor() {
        String citizen = api.token("citizen");
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        String bookingNo = TestSites.paidBooking(api, citizen, slot.getJsonNumber("id").longValue()).getString("bookingNo");
        String qr = TestSites.ticket(api, citizen, bookingNo);
        java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
        Instant start = Instant.parse(slot.getString("start"));

        Browser gate = open(Browser.Size.PHONE, "zh-CN");
        login(gate, "gate");
        gate.open("/site/scan.xhtml");
        scan(gate, qr);
        assertThat(gate.script("return document.getElementById('verdict').dataset.result;")).isEqualTo("NOT_YET_VALID");
        assertThat(gate.text("verdict-how")).contains("入园开始时间： " + start.minusSeconds(30 * 60).atZone(TestSites.CST).format(minute));
        gate.screenshot("phone-gate-not-yet");

        Browser other = open(Browser.Size.PHONE, "zh-CN");
        login(other, "gate2");
        other.open("/site/scan.xhtml");
        scan(other, qr);
        assertThat(other.script("return document.getElementById('verdict').dataset.result;")).isEqualTo("WRONG_SITE");
        String ticketFor = "门票所属景区和时段： 碧峰峡 (BFX) " + start.atZone(TestSites.CST).format(minute) + "–"
                + Instant.parse(slot.getString("end")).atZone(TestSites.CST).format(minute).substring(11);
        assertThat(other.text("verdict-how")).contains(ticketFor);

        // Offline, the scanner names the site from the data it downloaded while online.
        other.waitForText("network", "在线");
        ((ChromeDriver) other.driver()).setNetworkConditions(offline());
        scan(other, qr);
        assertThat(other.script("return document.getElementById('verdict').dataset.result;")).isEqualTo("WRONG_SITE");
        assertThat(other.text("verdict-how")).contains("离线核验", ticketFor);
        other.screenshot("phone-gate-wrong-site-offline");
        ((ChromeDriver) other.driver()).deleteNetworkConditions();
    }

    /** A code that wraps a ticket in another site's address is flagged at the gate, whatever the verdict. */
    @Test
    void theGateWarnsOfACodeFromAnotherSite() {
        Browser gate = open(Browser.Size.PHONE, "zh-CN");
        login(gate, "gate");
        gate.open("/site/scan.xhtml");
        String payload = "A".repeat(150);
        scan(gate, "http://evil.example/t#" + payload);
        assertThat(gate.script("return document.getElementById('verdict').dataset.result;")).isEqualTo("INVALID_SIGNATURE");
        assertThat(gate.find("foreign-warning").isDisplayed()).isTrue();
        assertThat(gate.text("foreign-warning")).contains("不是本平台的官方地址");
        gate.screenshot("phone-gate-foreign");
        scan(gate, payload);
        assertThat(gate.find("foreign-warning").isDisplayed()).isFalse();
    }

    @Test
    void aVisitorBooksPaysAndTheGateAdmitsTheTicketOnceOnlineAndOffline() throws Exception {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        Instant start = Instant.parse(slot.getString("start"));
        String day = start.atZone(TestSites.CST).toLocalDate().toString();

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        phone.open("/visit.xhtml?site=BFX&date=" + day);
        assertThat(phone.text("factors")).contains("DESNZ");
        phone.driver().findElement(By.cssSelector("#slots a")).click();
        phone.find("book:submit");
        phone.type("book:party:0:name", "欧阳娜娜");
        phone.type("book:party:0:idNumber", "511802199001010110");
        phone.click("book:submit");
        phone.waitForText("book", "身份证号码有误");
        phone.type("book:party:0:idNumber", TestSites.residentId("19900101", 11));
        phone.type("book:distanceKm", "150");
        phone.type("book:occupants", "3");
        // The service's own rule for the trip (at most 30 days), the same as the API's, next to the field.
        phone.type("book:days", "31");
        phone.click("book:submit");
        new WebDriverWait(phone.driver(), Duration.ofSeconds(15)).until(d -> d.findElement(
                By.xpath("//input[@id='book:days']/ancestor::div[contains(@class,'field')]")).getText().contains("30"));
        assertThat(phone.driver().findElement(By.xpath("//input[@id='book:days']/ancestor::div[contains(@class,'field')]"))
                .getText()).matches("(?s).*\\p{IsHan}.*30.*");
        phone.type("book:days", "2");
        phone.type("book:nights", "1");
        phone.find("book:party:0:name").click(); // leaves the last field: the preview follows
        phone.waitForText("offset", "36");       // 300 km x 0.17 / 3 occupants + 1 night x 15 + 2 days x 2
        phone.waitForText("working", "景区游览：2 天");
        assertThat(((String) phone.script("return document.getElementById('working').textContent")).replace('\u00a0', ' '))
                .as("the working in the reader's words")
                .contains("往返 300 公里", "每车 3 人", "住宿：1 晚", "景区游览：2 天").doesNotContain("lodging", "persons");
        assertFitsAPhone(phone);
        phone.screenshot("phone-visit-book");
        phone.click("book:submit");
        phone.waitForText("booking-status", "待支付");
        assertThat(phone.text("booking-party")).contains("欧**", "511802********").doesNotContain("欧阳娜娜");
        phone.click("checkout:pay");
        phone.waitForText("booking-status", "已确认");
        assertThat(phone.text("ticket")).contains("V-");
        String src = phone.find("ticket-qr").getAttribute("src");
        String qr = TestSites.decodeQr(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)));
        assertFitsAPhone(phone);
        phone.screenshot("phone-visit-ticket");
        CertificateShots.save(Api.server(), phone.text("certificate"), "carbon-neutral-visit");
        // The ticket in English is the same ticket (the language link keeps the booking number).
        phone.click("nav-lang");
        phone.waitForText("booking-status", "Confirmed");
        assertThat(phone.text("ticket")).contains("V-");
        phone.click("nav-lang");
        phone.waitForText("booking-status", "已确认");
        assertClean(phone);

        // A second booking, made and paid over the API, is scanned while the gate has no network.
        String citizen = api.token("citizen");
        JsonObject second = api.postJson("/api/v1/bookings", TestSites.booking(slot.getJsonNumber("id").longValue(), 2,
                TestSites.CAR_TRIP), citizen).json();
        api.postJson("/api/v1/payments/" + second.getString("paymentId") + "/simulated-confirmation", "", citizen);
        String secondQr = api.get("/api/v1/bookings/" + second.getString("bookingNo") + "/ticket", citizen).json().getString("qr");

        try {
            TestSites.clockAt(api, start.plus(Duration.ofMinutes(5)));
            // The visitor holds the ticket up to the gate phone's camera.
            Browser camera = openWithCameraShowing(Browser.Size.PHONE, "zh-CN", qr);
            login(camera, "gate");
            camera.open("/site/scan.xhtml");
            camera.waitForText("network", "在线");
            camera.click("camera-start");
            camera.waitForText("verdict-text", "准予入园");
            assertThat(camera.text("verdict-how")).contains("在线核验", "人数 1");
            camera.screenshot("phone-gate-admitted");

            // The same ticket typed at another gate phone: used, and where first.
            Browser gate = open(Browser.Size.PHONE, "zh-CN");
            login(gate, "gate");
            gate.open("/site/scan.xhtml");
            gate.waitForText("network", "在线");
            scan(gate, qr);
            assertThat(gate.text("verdict-text")).contains("门票已使用");
            assertThat(gate.text("verdict-how")).contains("首次入园： 1号口");
            gate.screenshot("phone-gate-used");
            assertFitsAPhone(gate);

            ((ChromeDriver) gate.driver()).setNetworkConditions(offline());
            scan(gate, secondQr);
            assertThat(gate.text("verdict-text")).contains("准予入园");
            assertThat(gate.text("verdict-how")).contains("离线核验", "人数 2");
            assertThat(gate.text("network")).contains("待同步 1");
            scan(gate, secondQr);
            assertThat(gate.text("verdict-text")).contains("门票已使用");
            scan(gate, qr.substring(0, 60) + (qr.charAt(60) == 'A' ? 'B' : 'A') + qr.substring(61));
            assertThat(gate.text("verdict-text")).contains("无效门票");
            gate.screenshot("phone-gate-offline");
            // The queued scan carries a nonce of its own, so a batch sent again after a lost answer is recognised.
            assertThat(String.valueOf(gate.script("return JSON.parse(localStorage.getItem('carbonsink.gate.queue'))"
                    + ".map(q => q.nonce).join(',')"))).matches("[0-9a-f-]{32,36}");

            ((ChromeDriver) gate.driver()).deleteNetworkConditions();
            gate.click("sync");
            gate.waitForText("network", "待同步 0");
            JsonObject figures = api.get("/api/v1/site/dashboard?date=" + day, api.login("gate", Api.DEMO_PASSWORD)).json()
                    .getJsonArray("slots").stream().map(v -> v.asJsonObject())
                    .filter(s -> s.getJsonNumber("slotId").longValue() == slot.getJsonNumber("id").longValue())
                    .findFirst().orElseThrow();
            assertThat(figures.getInt("checkedInVisitors")).as("both parties are checked in on the server").isEqualTo(3);
            assertCleanGate(gate);
        } finally {
            api.moveClock("PT0S");
        }
    }

    private static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }
}
