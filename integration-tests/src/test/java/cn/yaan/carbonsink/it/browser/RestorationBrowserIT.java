package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.IdNumbers;
import cn.yaan.carbonsink.it.RestorationIT;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Restoration orders in Chromium: a clerk registers one and sees the calculation; an officer records in the field. */
class RestorationBrowserIT extends BrowserTest {

    private static final Random RANDOM = new Random();

    private static String residentId() {
        return IdNumbers.withCheck("511802" + "19850612" + String.format("%03d", RANDOM.nextInt(1000)));
    }

    private static void date(Browser browser, String id, String value) {
        browser.script("document.getElementById('" + id + "').value = '" + value + "';");
    }

    @Test
    void aClerkRegistersAnOrderAndSeesTheCalculation() {
        String caseNumber = "(2025)川1802刑初" + (1 + RANDOM.nextInt(999_999)) + "号";
        String id = residentId();
        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "court");
        desktop.click("nav:nav-restorations-court");
        desktop.find("restorations");
        desktop.click("new");

        desktop.type("register:caseNumber", caseNumber);
        date(desktop, "register:judgmentDate", "2024-03-01");
        desktop.type("register:defendantName", "张三丰");
        desktop.type("register:defendantId", id);
        new Select(desktop.find("register:species")).selectByValue("杉木");
        desktop.type("register:volumeM3", "10");
        desktop.waitForText("preview-loss", "11,917");
        assertThat(desktop.text("register:preview")).contains("10 m3 x 0.307 x 1.634 x (1 + 0.246) x 0.52 x 44/12 = 11.917 tCO2e");
        desktop.type("register:multiplier", "2");
        desktop.waitForText("preview-purchase", "23,834");

        new Select(desktop.find("register:remedy")).selectByValue("REPLANT_AND_PURCHASE");
        desktop.click("register:submit");
        desktop.waitForText("register", "补植方式须填写");

        desktop.type("register:replantTrees", "70");
        desktop.type("register:replantSpecies", "云杉");
        desktop.type("register:replantSite", "宝兴县蜂桶寨乡");
        date(desktop, "register:dueDate", "2024-04-30");
        desktop.click("register:submit");
        desktop.waitForText("status", "已登记");
        assertThat(desktop.text("case-number")).isEqualTo(caseNumber.replace('(', '（').replace(')', '）'));
        assertThat(desktop.text("carbon-loss")).contains("11,917");
        assertThat(desktop.text("purchase-kg")).contains("23,834");
        assertThat(desktop.text("working")).contains("units in lieu = 11917 kg x 2 = 23834 kg");
        assertThat(desktop.driver().getPageSource()).doesNotContain(id).doesNotContain("张三丰");
        assertThat(desktop.text("timeline")).contains("登记");

        // The same case number again is refused next to it.
        desktop.click("nav:nav-restorations-court");
        desktop.click("new");
        desktop.type("register:caseNumber", caseNumber);
        date(desktop, "register:judgmentDate", "2024-03-01");
        desktop.type("register:defendantName", "李四");
        desktop.type("register:defendantId", residentId());
        new Select(desktop.find("register:species")).selectByValue("杉木");
        desktop.type("register:volumeM3", "1");
        desktop.click("register:submit");
        desktop.waitForText("register", "本院已登记过该案号");
        desktop.screenshot("desktop-court-register");
        assertClean(desktop);
    }

    /**
     * The case: a PURCHASE_IN_LIEU order bought and paid reads as sentences (yuan, tonnes, the court and the
     * system by name; no fen, ledger ids or account names) in either language, and its order and case link each other.
     */
    @Test
    void aPaidPurchaseInLieuReadsAsSentencesAndItsOrderAndCaseLinkEachOther() {
        Api api = Api.server();
        Api.Reply created = api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                RestorationIT.residentId(), "PURCHASE_IN_LIEU", null), api.token("court"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().getJsonNumber("id").longValue();

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "court");
        phone.open("/account/restoration.xhtml?id=" + id);
        phone.click("purchase:buy");
        phone.click("checkout:pay");
        phone.waitForText("order-done", "已支付");
        phone.click("order-case");
        phone.waitForText("status", "已履行");
        String zh = phone.text("timeline").replace('\u00a0', ' ');
        assertThat(zh).contains("登记判决，修复方式：认购碳汇替代；毁损林木碳损失 11.917 吨；应认购碳汇 11.917 吨",
                        "生成认购订单：碳汇 11.917 吨，应付 ", "已注销碳汇 11.917 吨，计入本判决", "判决履行完毕，已签发履行证明",
                        "雅安市雨城区人民法院", "系统")
                .containsPattern("应付 \\d+\\.\\d{2} 元")
                .doesNotContain("fen", "ledger", "payment", "PURCHASE", "court ·", "system");
        assertFitsAPhone(phone);
        phone.screenshot("phone-court-case-history");

        phone.click("nav-lang");
        phone.waitForText("status", "Fulfilled");
        String en = phone.text("timeline").replace('\u00a0', ' ');
        assertThat(en).contains("Purchase ordered: 11.917 t of units, ¥", "11.917 t of units retired for this judgment",
                "Yucheng District People's Court", "System").doesNotContain("fen", "ledger", "登记");
        phone.click("unit-order");
        phone.waitForText("order-status", "Paid");
        assertThat(phone.present("order-case")).isTrue();
        assertClean(phone);
    }

    @Test
    void anOfficerRecordsPlantingAndInspectionOnAPhone() throws IOException {
        Api api = Api.server();
        String body = "{\"caseNumber\":\"(2025)川1802刑初" + (1 + RANDOM.nextInt(999_999)) + "号\",\"judgmentDate\":\"2024-03-01\","
                + "\"defendants\":[{\"name\":\"王五\",\"idNumber\":\"" + residentId() + "\"}],"
                + "\"damage\":[{\"species\":\"云杉\",\"volumeM3\":2}],\"remedy\":\"REPLANT\","
                + "\"replant\":{\"trees\":20,\"species\":\"云杉\",\"site\":\"雨城区\",\"dueDate\":\"2024-04-30\",\"inspectionYears\":[1]}}";
        Api.Reply created = api.postJson("/api/v1/restoration-orders", body, api.token("court"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().getJsonNumber("id").longValue();

        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        login(phone, "officer");
        phone.open("/officer/restorations.xhtml");
        phone.find("restorations");
        phone.open("/account/restoration.xhtml?id=" + id);
        date(phone, "plant:date", "2024-04-10");
        phone.type("plant:trees", "20");
        phone.type("plant:plantSpecies", "云杉");
        phone.type("plant:latitude", "30.0123");
        phone.type("plant:longitude", "103.0456");
        phone.click("plant:submit");
        phone.waitForText("messages", "补植已登记");
        assertThat(phone.text("planted")).contains("20 / 20");

        // A photo from the phone's camera (here a file): stored, shown as a thumbnail.
        Path photo = Files.createTempFile("planting", ".png");
        ImageIO.write(new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        phone.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(photo.toString());
        phone.driver().findElement(By.cssSelector("form[enctype='multipart/form-data'] [type=submit]")).click();
        phone.waitForText("messages", "照片已保存");
        Files.delete(photo);
        assertThat((Boolean) phone.script("var i = document.querySelector('img.thumb'); return i != null && i.complete && i.naturalWidth > 0;"))
                .as("the thumbnail loads").isTrue();

        date(phone, "inspect:date", "2025-05-01");
        phone.type("inspect:surviving", "18");
        phone.click("inspect:submit");
        phone.waitForText("status", "已履行");
        assertThat(phone.text("certificate")).isNotBlank();
        CertificateShots.save(Api.server(), phone.text("certificate"), "restoration");
        assertThat(phone.text("timeline")).contains("验收核查", "履行完毕");
        assertFitsAPhone(phone);
        phone.screenshot("phone-officer-restoration");
        assertClean(phone);

        Browser otherCourt = open(Browser.Size.DESKTOP, "zh-CN");
        login(otherCourt, "court2");
        otherCourt.open("/account/restoration.xhtml?id=" + id);
        assertThat(otherCourt.driver().getPageSource()).doesNotContain("雨城区");
    }
}
