package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestProjects;
import cn.yaan.carbonsink.it.TestSites;
import org.junit.jupiter.api.Test;

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

        phone.driver().findElement(org.openqa.selenium.By.partialLinkText(bookingNo)).click();
        phone.waitForText("booking-no", bookingNo);
        assertClean(phone);
    }
}
