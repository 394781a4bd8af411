package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestSites;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages that run scenic sites: an officer creates a site, opens slots in bulk, is refused a capacity below the
 * places booked and closes a day, whose reason visitors then read; a site manager runs the own site on a phone in
 * both languages and is refused another site's page, as a court is refused the sites pages.
 */
class SitesBrowserIT extends BrowserTest {

    private final Api api = Api.server();

    private static LocalDate farDay() {
        return LocalDate.now(TestSites.CST).plusDays(1300 + ThreadLocalRandom.current().nextInt(800));
    }

    private static void setDate(Browser browser, String id, LocalDate day) {
        browser.script("document.getElementById('" + id + "').value = '" + day + "';");
    }

    @Test
    void anOfficerCreatesASiteOpensSlotsAndClosesADayWhoseReasonVisitorsRead() {
        String code = "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        LocalDate day = farDay();
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "officer");
        desktop.click("nav:nav-sites");
        desktop.find("site-list");
        desktop.type("site:code", code);
        desktop.type("site:nameZh", "上里古镇");
        desktop.type("site:nameEn", "Shangli old town");
        desktop.type("site:county", "雨城区");
        desktop.type("site:dailyCapacity", "2500");
        desktop.type("site:walkInPercent", "20");
        desktop.type("site:opensAt", "08:00");
        desktop.type("site:closesAt", "08:00");
        desktop.type("site:capacityNote", "估算值");
        desktop.click("site:submit");
        desktop.waitForText("site", "闭园时间");
        assertThat(desktop.text("site")).as("the refusal next to its field").contains("须晚于开园时间");
        desktop.type("site:closesAt", "18:00");
        desktop.click("site:submit");
        desktop.waitForText("messages", "已新建景区 " + code);
        assertThat(desktop.text("site-name")).contains("上里古镇", code);

        // Slots in bulk, on a day far ahead; a start time that is no time is refused next to its field.
        setDate(desktop, "slots:from", day);
        setDate(desktop, "slots:to", day);
        desktop.type("slots:startTimes", "9点");
        desktop.type("slots:durationMinutes", "120");
        desktop.type("slots:capacity", "1000");
        desktop.click("slots:submit");
        desktop.waitForText("slots", "请按 时:分 填写开始时间");
        setDate(desktop, "slots:from", day);
        setDate(desktop, "slots:to", day);
        desktop.type("slots:startTimes", "09:00, 13:00");
        desktop.click("slots:submit");
        desktop.waitForText("messages", "已新建时段： 2");
        assertThat(desktop.text("calendar")).contains(day.toString(), "09:00–11:00 · 0/1000", "13:00–15:00 · 0/1000");

        // A visitor books one place; the capacity cannot go below it, and the refusal says why.
        JsonObject slot = api.get("/api/v1/public/sites/" + code + "/slots?date=" + day).jsonArray().getJsonObject(0);
        String bookingNo = TestSites.paidBooking(api, api.token("citizen"), slot.getJsonNumber("id").longValue())
                .getString("bookingNo");
        desktop.open("/manage/site.xhtml?code=" + code + "&week=" + day);
        new Select(desktop.find("resize:slotId")).selectByValue(slot.getJsonNumber("id").toString());
        desktop.type("resize:capacity", "0");
        desktop.click("resize:submit");
        desktop.waitForText("resize", "名额不能低于该时段已预约的人数");
        assertThat(api.get("/api/v1/public/sites/" + code + "/slots?date=" + day).jsonArray().getJsonObject(0)
                .getInt("capacity")).as("nothing changed").isEqualTo(1000);
        new Select(desktop.find("resize:slotId")).selectByValue(slot.getJsonNumber("id").toString());
        desktop.type("resize:capacity", "600");
        desktop.click("resize:submit");
        desktop.waitForText("messages", "已调整名额");
        assertThat(desktop.text("calendar")).contains("09:00–11:00 · 1/600");

        // Closing the day: a reason is required; then the calendar lists the booking made for the day.
        setDate(desktop, "close:closeDate", day);
        desktop.click("close:submit");
        desktop.waitForText("close", "请填写闭园原因");
        setDate(desktop, "close:closeDate", day);
        desktop.type("close:reason", "大雾封山，道路结冰");
        desktop.click("close:submit");
        desktop.waitForText("messages", "已闭园");
        assertThat(desktop.text("calendar")).contains("当天闭园： 大雾封山，道路结冰", bookingNo, "已确认");
        assertThat(accessibilityFindings(desktop)).isEmpty();
        desktop.screenshot("desktop-manage-site-closed");
        assertClean(desktop);

        Browser visitor = open(Browser.Size.PHONE, "zh-CN");
        visitor.open("/visit.xhtml?site=" + code + "&date=" + day);
        visitor.waitForText("slots", "闭园原因： 大雾封山，道路结冰");
        assertThat(visitor.driver().findElements(By.linkText("预约"))).as("nothing to book on a closed day").isEmpty();
        assertFitsAPhone(visitor);
        visitor.screenshot("phone-visit-closed-reason");
        // The party that booked reads the reason on its booking, and what it may do.
        login(visitor, "citizen");
        visitor.open("/account/booking.xhtml?no=" + bookingNo);
        visitor.waitForText("booking-closed", "大雾封山，道路结冰");
        assertThat(visitor.text("booking-closed")).contains("您的预约仍然有效");
        assertFitsAPhone(visitor);
        assertThat(accessibilityFindings(visitor)).isEmpty();
        visitor.screenshot("phone-booking-day-closed");
    }

    @Test
    void aSiteManagerRunsTheOwnSiteOnAPhoneInBothLanguagesAndIsRefusedAnothers() {
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "manager");
        phone.click("nav:nav-sites");
        assertThat(phone.text("site-list")).contains("BFX").doesNotContain("MDS");
        assertThat(phone.present("site:submit")).as("managers create no sites").isFalse();
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-manage-sites");

        phone.driver().findElement(By.linkText("BFX")).click();
        phone.waitForText("site-name", "碧峰峡");
        phone.find("calendar");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-manage-site");
        phone.click("next-week");
        phone.waitForText("week-title", "本周时段");
        String week = phone.text("week-title");

        // A start time outside the opening hours: the service's refusal, next to the field, in the page's language.
        LocalDate day = farDay();
        setDate(phone, "slots:from", day);
        setDate(phone, "slots:to", day);
        phone.type("slots:startTimes", "06:00");
        phone.type("slots:capacity", "10");
        phone.click("slots:submit");
        phone.waitForText("slots", "每个时段须在开放时间内");
        assertFitsAPhone(phone);

        // The other language keeps the site and the week.
        phone.click("nav-lang");
        phone.waitForText("site-name", "Bifengxia");
        assertThat(phone.text("week-title")).contains(week.replaceAll("^\\D+", "").trim());
        assertThat(phone.driver().getCurrentUrl()).contains("code=BFX");
        assertFitsAPhone(phone);
        assertThat(accessibilityFindings(phone)).isEmpty();
        phone.screenshot("phone-manage-site-en");
        phone.click("nav-lang");
        phone.waitForText("site-name", "碧峰峡");
        assertClean(phone);

        // Another site's page, and the sites pages for a court, are refused.
        Browser other = open(Browser.Size.PHONE, "zh-CN");
        login(other, "manager2");
        other.open("/manage/site.xhtml?code=BFX");
        assertThat(other.present("site-name")).isFalse();
        assertThat(other.present("calendar")).isFalse();
        other.open("/manage/site.xhtml?code=MDS");
        other.waitForText("site-name", "蒙顶山");

        Browser court = open(Browser.Size.PHONE, "zh-CN");
        login(court, "court");
        assertThat(court.present("nav:nav-sites")).isFalse();
        court.open("/manage/sites.xhtml");
        assertThat(court.present("site-list")).isFalse();
        court.open("/manage/site.xhtml?code=BFX");
        assertThat(court.present("calendar")).isFalse();
    }
}
