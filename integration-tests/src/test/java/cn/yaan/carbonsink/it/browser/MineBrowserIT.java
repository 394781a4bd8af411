package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestCitizens;
import cn.yaan.carbonsink.it.TestProjects;
import cn.yaan.carbonsink.it.TestSites;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** 我的 on a phone: a citizen finds their booking and their order from the navigation, and taps through to them. */
class MineBrowserIT extends BrowserTest {

    @Test
    void aCitizenFindsTheirBookingAndOrderUnderMine() {
        Api api = Api.server();
        String citizen = api.token("citizen");
        long slot = TestSites.newSlot(api, "BFX", 5).getJsonNumber("id").longValue();
        Api.Reply booking = api.postJson("/api/v1/bookings", TestSites.booking(slot, 1, TestSites.CAR_TRIP), citizen);
        assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
        String bookingNo = booking.json().getString("bookingNo");
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1000);
        Api.Reply order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":7}", citizen);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "citizen");
        phone.click("nav:nav-mine");
        phone.waitForText("mine-username", "citizen");
        assertThat(phone.text("mine-duty")).contains("年已完成").contains("株");
        assertThat(phone.text("mine-bookings")).contains(bookingNo, "碧峰峡", "1 人", "待支付");
        assertThat(phone.text("mine-orders")).contains("7 kg", "直接认购", "待支付");
        assertFitsAPhone(phone);
        phone.screenshot("phone-mine");

        phone.driver().findElement(By.partialLinkText(bookingNo)).click();
        phone.waitForText("booking-no", bookingNo);
        assertClean(phone);
    }

    /**
     * A new citizen's 我的 says what is missing and where to go; once they have signed up for an event and paid a
     * visit, it lists the event with its status, the visit's certificate, and the ticket to save, which downloads.
     */
    @Test
    void aCitizensCertificatesEventsAndTicketDownloadsAreUnderMineWithAWayOnWhileEmpty() {
        Api api = Api.server();
        TestCitizens.Citizen citizen = TestCitizens.registered(api);
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, citizen.username(), TestCitizens.PASSWORD);
        phone.open("/account/mine.xhtml");
        assertThat(phone.text("mine-events")).contains("还没有报名植树活动");
        assertThat(phone.text("mine-certificates")).contains("还没有证书");
        assertThat(phone.present("mine-events-link")).isTrue();
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();

        String site = "雨城区大兴镇" + ThreadLocalRandom.current().nextInt(1000, 10_000) + "号林地";
        Api.Reply event = api.postJson("/api/v1/planting-events", Json.createObjectBuilder().add("site", site)
                .add("date", LocalDate.now(TestSites.CST).plusDays(7).toString()).add("places", 5)
                .add("treesPerAttendee", 2).build().toString(), api.token("officer"));
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        assertThat(api.postJson("/api/v1/planting-events/" + event.json().getJsonNumber("id") + "/signups", "",
                citizen.token()).status()).isEqualTo(201);
        long slot = TestSites.newSlot(api, "BFX", 5).getJsonNumber("id").longValue();
        String bookingNo = TestSites.paidBooking(api, citizen.token(), slot).getString("bookingNo");
        String certificateNo = api.get("/api/v1/bookings/" + bookingNo, citizen.token()).json().getString("certificateNo");

        phone.open("/account/mine.xhtml");
        assertThat(phone.text("mine-events")).contains(site, "已报名，待参加");
        assertThat(phone.text("mine-certificates")).contains("碳中和游览证书", certificateNo);
        WebElement save = phone.find("mine-bookings").findElement(By.cssSelector("a[download$='.png']"));
        assertThat(save.getAttribute("download")).isEqualTo("ticket-" + bookingNo + ".png");
        assertThat(phone.script("return fetch('" + save.getAttribute("href")
                + "').then(r => r.status + ' ' + r.headers.get('content-type'));")).isEqualTo("200 image/png");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-mine-certificates");

        phone.find("mine-certificates").findElement(By.partialLinkText(certificateNo)).click();
        phone.find("verdict");
        assertThat(phone.driver().getCurrentUrl()).endsWith("/v/" + certificateNo);
        assertClean(phone);
    }
}
