package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Court-ordered restoration on the real server: registration, court scoping, purchase, replanting, certificates. */
@ServerIT
public class RestorationIT {

    private static final Random RANDOM = new Random();
    private static final String ORDERS = "/api/v1/restoration-orders";

    private final Api api = Api.server();

    /** A valid resident ID number (GB 11643 check character) with a random sequence. */
    public static String residentId() {
        return IdNumbers.withCheck("511802" + "19850612" + String.format("%03d", RANDOM.nextInt(1000)));
    }

    /** A case number of this run, with ASCII parentheses. */
    public static String caseNumber() {
        return "(2025)川1802刑初" + (1 + RANDOM.nextInt(999_999)) + "号";
    }

    static String canonical(String caseNumber) {
        return caseNumber.replace('(', '（').replace(')', '）');
    }

    public static String order(String caseNumber, String idNumber, String remedy, String replant) {
        return "{\"caseNumber\":\"" + caseNumber + "\",\"judgmentDate\":\"2024-03-01\","
                + "\"defendants\":[{\"name\":\"张三丰\",\"idNumber\":\"" + idNumber + "\"}],"
                + "\"damage\":[{\"species\":\"杉木\",\"volumeM3\":10,\"trees\":null,\"areaMu\":null}],"
                + "\"remedy\":\"" + remedy + "\"" + (replant == null ? "" : ",\"replant\":" + replant) + "}";
    }

    public static String replant(int trees) {
        return "{\"trees\":" + trees + ",\"species\":\"云杉\",\"site\":\"宝兴县蜂桶寨乡\",\"dueDate\":\"2024-04-30\","
                + "\"inspectionYears\":[1]}";
    }

    /** A REPLANT order of 10 trees judged 10 days ago and due today: not overdue before tomorrow. */
    static String dueToday() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        return order(caseNumber(), residentId(), "REPLANT", replant(10).replace("2024-04-30", today.toString()))
                .replace("2024-03-01", today.minusDays(10).toString());
    }

    private JsonObject register(String body) {
        Api.Reply reply = api.postJson(ORDERS, body, api.token("court"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonObject get(long id) {
        Api.Reply reply = api.get(ORDERS + "/" + id, api.token("court"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonObject officerPost(long id, String what, String body) {
        Api.Reply reply = api.postJson(ORDERS + "/" + id + "/" + what, body, api.token("officer"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private void assertCertificateVerifies(JsonObject order, long kg) {
        String number = order.getString("certificateNo");
        assertThat(order.getString("certificateNumber")).as("the deprecated name, kept one release").isEqualTo(number);
        JsonObject certificate = api.get("/api/v1/public/certificates/" + number).json();
        assertThat(certificate.getString("kind")).isEqualTo("RESTORATION");
        assertThat(certificate.getJsonNumber("quantityKg").longValue()).isEqualTo(kg);
        assertThat(certificate.getString("holder")).startsWith("雅安").doesNotContain("雨城区人民");
        assertThat(CertificateIT.pdfText(api, number)).contains("案号 / Case number " + order.getString("caseNumber"));
        Api.Reply verdict = api.postJson("/api/v1/public/verifications",
                Json.createObjectBuilder().add("qr", certificate.getString("verifyUrl")).build().toString());
        assertThat(verdict.json().getString("status")).as(verdict.toString()).isEqualTo("VALID");
    }

    private static List<String> actions(JsonObject order) {
        return order.getJsonArray("timeline").stream().map(e -> e.asJsonObject().getString("action")).toList();
    }

    @Test
    void theWorkedExampleIsRegisteredWithItsWorkingAndMaskedDefendants() throws SQLException {
        String id = residentId();
        String caseNumber = caseNumber();
        JsonObject order = register(order(caseNumber, id, "PURCHASE_IN_LIEU", null));
        assertThat(order.getString("caseNumber")).isEqualTo(canonical(caseNumber));
        assertThat(order.getJsonNumber("carbonLossKg").longValue()).isEqualTo(11_917);
        assertThat(order.getJsonNumber("purchaseKg").longValue()).isEqualTo(11_917);
        assertThat(order.getJsonNumber("amountFen").longValue()).isEqualTo(95_336); // 11.917 t x 80 元/t, rounded up
        assertThat(order.getString("status")).isEqualTo("REGISTERED");
        assertThat(order.getString("remedy")).isEqualTo("PURCHASE_IN_LIEU");
        assertThat(order.getJsonArray("calculation").getString(0))
                .contains("杉木: 10 m3 x 0.307 x 1.634 x (1 + 0.246) x 0.52 x 44/12 = 11.917 tCO2e");
        JsonObject damage = order.getJsonArray("damage").getJsonObject(0);
        assertThat(damage.getJsonNumber("svd").bigDecimalValue()).isEqualByComparingTo("0.307");
        assertThat(damage.getString("source")).contains("CCER");
        JsonObject defendant = order.getJsonArray("defendants").getJsonObject(0);
        assertThat(defendant.getString("idNumber")).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
        assertThat(defendant.getString("name")).isEqualTo("张**");
        assertThat(actions(order)).containsExactly("REGISTERED");

        long orderId = order.getJsonNumber("id").longValue();
        Api.Reply again = api.get(ORDERS + "/" + orderId, api.token("officer"));
        assertThat(again.body()).doesNotContain(id).doesNotContain("张三丰");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name_sealed, id_sealed FROM restoration_defendant WHERE order_id = " + orderId)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + rs.getString(2)).startsWith("v1:").doesNotContain(id).doesNotContain("张三丰");
        }
    }

    @Test
    void aCaseNumberIsRegisteredOncePerCourt() {
        String caseNumber = caseNumber();
        register(order(caseNumber, residentId(), "PURCHASE_IN_LIEU", null));
        JsonObject problem = ErrorsIT.problem(api.postJson(ORDERS, order(canonical(caseNumber), residentId(),
                "PURCHASE_IN_LIEU", null), api.token("court")), 409);
        assertThat(problem.getString("type")).endsWith("duplicate-case");
        Api.Reply otherCourt = api.postJson(ORDERS, order(caseNumber, residentId(), "PURCHASE_IN_LIEU", null),
                api.token("court2"));
        assertThat(otherCourt.status()).as("another court may have the same number").isEqualTo(201);
    }

    @Test
    void anotherCourtsOrderDoesNotExistForTheFirstCourt() {
        long id = register(order(caseNumber(), residentId(), "PURCHASE_IN_LIEU", null)).getJsonNumber("id").longValue();
        ErrorsIT.problem(api.get(ORDERS + "/" + id, api.token("court2")), 404);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/purchase", "", api.token("court2")), 404);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/offline-payment",
                "{\"receiptNo\":\"R-1\",\"amountFen\":95336}", api.token("court2")), 404);
        assertThat(api.get(ORDERS, api.token("court2")).jsonArray()).noneMatch(o -> o.asJsonObject().getJsonNumber("id").longValue() == id);
        assertThat(api.get(ORDERS + "?status=REGISTERED", api.token("court")).jsonArray())
                .anyMatch(o -> o.asJsonObject().getJsonNumber("id").longValue() == id);
        assertThat(api.get(ORDERS, api.token("officer")).jsonArray())
                .as("officers act on every court's orders").anyMatch(o -> o.asJsonObject().getJsonNumber("id").longValue() == id);
        ErrorsIT.problem(api.get(ORDERS + "?status=LOST", api.token("court")), 400);
    }

    @Test
    void invalidOrdersNameTheirField() {
        String token = api.token("court");
        assertThat(field(api.postJson(ORDERS, order("2025川1802刑初1号", residentId(), "PURCHASE_IN_LIEU", null), token)))
                .isEqualTo("caseNumber");
        assertThat(field(api.postJson(ORDERS, order(caseNumber(), "511802198506121235", "PURCHASE_IN_LIEU", null), token)))
                .isEqualTo("defendants[0].idNumber");
        assertThat(field(api.postJson(ORDERS, order(caseNumber(), residentId(), "REPLANT", null), token)))
                .isEqualTo("replant");
        assertThat(field(api.postJson(ORDERS, order(caseNumber(), residentId(), "PURCHASE_IN_LIEU", null)
                .replace("杉木", "竹子"), token))).isEqualTo("damage[0].species");
    }

    private static String field(Api.Reply reply) {
        return ErrorsIT.problem(reply, 400).getJsonArray("errors").getJsonObject(0).getString("field");
    }

    @Test
    void unitsInLieuPaidThroughTheLedgerFulfilTheOrderWithACertificate() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 20_000);
        JsonObject order = register(order(caseNumber(), residentId(), "PURCHASE_IN_LIEU", null));
        long id = order.getJsonNumber("id").longValue();

        Api.Reply purchased = api.postJson(ORDERS + "/" + id + "/purchase?projectCode=" + project, "", api.token("court"));
        assertThat(purchased.status()).as(purchased.toString()).isEqualTo(201);
        JsonObject unitOrder = purchased.json();
        assertThat(unitOrder.getJsonNumber("quantityKg").longValue()).isEqualTo(11_917);
        assertThat(get(id).getString("status")).isEqualTo("IN_PROGRESS");
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/purchase", "", api.token("court")), 409);

        Api.Reply paid = api.postJson("/api/v1/payments/" + unitOrder.getString("paymentId") + "/simulated-confirmation",
                "", api.token("court"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().getString("purpose")).isEqualTo("RESTORATION");

        JsonObject fulfilled = get(id);
        assertThat(fulfilled.getString("status")).isEqualTo("FULFILLED");
        assertThat(fulfilled.getJsonNumber("retiredKg").longValue()).isEqualTo(11_917);
        assertThat(fulfilled.getJsonArray("serialRanges")).isNotEmpty().allSatisfy(range -> assertThat(
                range.asJsonObject().getString("last")).startsWith(range.asJsonObject().getString("first")
                .substring(0, range.asJsonObject().getString("first").lastIndexOf('-') + 1)));
        assertThat(actions(fulfilled)).containsSubsequence("REGISTERED", "PURCHASE_ORDERED", "UNITS_RETIRED", "FULFILLED");
        assertCertificateVerifies(fulfilled, 11_917);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/purchase", "", api.token("court")), 409);
    }

    @Test
    void aShortfallAtTheFinalInspectionConvertsIntoUnitsAndTheOfflinePaymentFulfilsTheOrder() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 10_000);
        JsonObject order = register(order(caseNumber(), residentId(), "REPLANT_ELSE_PURCHASE", replant(100)));
        long id = order.getJsonNumber("id").longValue();
        assertThat(order.getJsonNumber("purchaseKg").longValue()).isZero();
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/purchase", "", api.token("court")), 409);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/inspections", "{\"date\":\"2024-05-01\",\"survivingTrees\":1}",
                api.token("officer")), 422);

        JsonObject planted = officerPost(id, "plantings", "{\"date\":\"2024-04-01\",\"trees\":100,\"species\":\"云杉\","
                + "\"latitude\":30.3821,\"longitude\":102.8123}");
        assertThat(planted.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(planted.getJsonObject("replant").getInt("plantedTrees")).isEqualTo(100);
        JsonObject first = officerPost(id, "inspections", "{\"date\":\"2024-10-01\",\"survivingTrees\":90}");
        assertThat(first.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(first.getJsonArray("inspections").getJsonObject(0).getBoolean("finalInspection")).isFalse();
        assertThat(first.getJsonArray("inspections").getJsonObject(0).getJsonNumber("survivalRate").bigDecimalValue())
                .isEqualByComparingTo("90");

        // 85 of 100 must survive; 70 did: 15/85 of 11,917 kg = 2,103 kg in lieu.
        JsonObject converted = officerPost(id, "inspections", "{\"date\":\"2025-05-01\",\"survivingTrees\":70}");
        assertThat(converted.getString("status")).isEqualTo("CONVERTED");
        assertThat(converted.getJsonNumber("purchaseKg").longValue()).isEqualTo(2_103);
        assertThat(converted.getJsonNumber("outstandingKg").longValue()).isEqualTo(2_103);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/inspections", "{\"date\":\"2025-05-02\",\"survivingTrees\":90}",
                api.token("officer")), 409);

        JsonObject low = ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/offline-payment",
                "{\"receiptNo\":\"YC-2025-0001\",\"amountFen\":100,\"projectCode\":\"" + project + "\"}", api.token("court")), 422);
        assertThat(low.getString("type")).endsWith("amount-too-low");
        Api.Reply paid = api.postJson(ORDERS + "/" + id + "/offline-payment",
                "{\"receiptNo\":\"YC-2025-0001\",\"amountFen\":16824,\"projectCode\":\"" + project + "\"}", api.token("court"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        JsonObject fulfilled = paid.json();
        assertThat(fulfilled.getString("status")).isEqualTo("FULFILLED");
        assertThat(fulfilled.getJsonNumber("retiredKg").longValue()).isEqualTo(2_103);
        assertThat(actions(fulfilled)).containsExactly("REGISTERED", "PLANTED", "INSPECTION", "FINAL_INSPECTION",
                "CONVERTED", "PAID_OFFLINE", "UNITS_RETIRED", "FULFILLED");
        assertThat(fulfilled.getJsonArray("timeline").getJsonObject(1).getString("actor")).isEqualTo("officer");
        assertCertificateVerifies(fulfilled, 2_103);
    }

    @Test
    void enoughSurvivorsAtTheFinalInspectionFulfilAReplantingOrder() {
        JsonObject order = register(order(caseNumber(), residentId(), "REPLANT", replant(50)));
        long id = order.getJsonNumber("id").longValue();
        officerPost(id, "plantings", "{\"date\":\"2024-04-10\",\"trees\":30,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}");
        officerPost(id, "plantings", "{\"date\":\"2024-04-20\",\"trees\":20,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}");
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/inspections", "{\"date\":\"2025-05-01\",\"survivingTrees\":51}",
                api.token("officer")), 400);
        JsonObject short1 = officerPost(id, "inspections", "{\"date\":\"2025-05-01\",\"survivingTrees\":40}");
        assertThat(short1.getString("status")).as("a REPLANT order stays open for more planting").isEqualTo("IN_PROGRESS");
        JsonObject done = officerPost(id, "inspections", "{\"date\":\"2025-06-01\",\"survivingTrees\":43}"); // ceil(42.5)
        assertThat(done.getString("status")).isEqualTo("FULFILLED");
        assertThat(done.getJsonObject("replant").getBoolean("accepted")).isTrue();
        assertCertificateVerifies(done, 0);
        JsonObject certificate = api.get("/api/v1/public/certificates/" + done.getString("certificateNo")).json();
        assertThat(certificate.getInt("trees")).isEqualTo(43);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/plantings", "{\"date\":\"2025-06-02\",\"trees\":1,"
                + "\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}", api.token("officer")), 409);
        assertThat(get(id).getString("certificateNo")).isEqualTo(done.getString("certificateNo"));
    }

    @Test
    void replantAndPurchaseNeedsBothBeforeItIsFulfilled() {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 20_000);
        JsonObject order = register(order(caseNumber(), residentId(), "REPLANT_AND_PURCHASE", replant(70))
                .replace("\"remedy\"", "\"multiplier\":2,\"remedy\""));
        long id = order.getJsonNumber("id").longValue();
        assertThat(order.getJsonNumber("purchaseKg").longValue()).isEqualTo(23_834);
        assertThat(order.getJsonArray("calculation").getString(2)).isEqualTo("units in lieu = 11917 kg x 2 = 23834 kg");
        // 20,000 kg in the project: the one-project payment cannot cover 23,834 kg.
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/offline-payment", "{\"receiptNo\":\"BX-1\",\"amountFen\":190672,"
                + "\"projectCode\":\"" + project + "\"}", api.token("court")), 409);
        api.postJson("/api/v1/sink-projects/" + project + "/issuances", "{\"vintage\":2024,\"quantityKg\":5000}",
                api.token("officer"));
        officerPost(id, "plantings", "{\"date\":\"2024-04-10\",\"trees\":70,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}");
        Api.Reply paid = api.postJson(ORDERS + "/" + id + "/offline-payment", "{\"receiptNo\":\"BX-1\",\"amountFen\":190672,"
                + "\"projectCode\":\"" + project + "\"}", api.token("court"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().getString("status")).isEqualTo("IN_PROGRESS");
        JsonObject done = officerPost(id, "inspections", "{\"date\":\"2025-05-01\",\"survivingTrees\":60}"); // ceil(59.5)
        assertThat(done.getString("status")).isEqualTo("FULFILLED");
        assertCertificateVerifies(done, 23_834);
    }

    @Test
    void anOrderIsListedOverdueOnceItsDueDatePassedWithTreesUnplanted() throws InterruptedException {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long id = register(dueToday()).getJsonNumber("id").longValue();
        assertThat(get(id).getString("status")).isEqualTo("REGISTERED");
        try {
            api.moveClock("PT26H");
            String court = api.login("court", Api.DEMO_PASSWORD);
            boolean listed = false;
            for (int i = 0; i < 40 && !listed; i++) {
                Thread.sleep(500);
                listed = api.get(ORDERS + "?status=OVERDUE", court).jsonArray().stream()
                        .anyMatch(o -> o.asJsonObject().getJsonNumber("id").longValue() == id);
            }
            assertThat(listed).as("listed OVERDUE within 20 s of the day changing").isTrue();
        } finally {
            api.moveClock("PT0S");
        }
        JsonObject overdue = get(id);
        assertThat(overdue.getString("status")).isEqualTo("OVERDUE");
        assertThat(overdue.getJsonArray("timeline").getJsonObject(1).getString("actor")).isEqualTo("system");
        JsonObject planted = officerPost(id, "plantings", "{\"date\":\"" + today + "\",\"trees\":10,"
                + "\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}");
        assertThat(planted.getString("status")).as("all trees planted: back in progress").isEqualTo("IN_PROGRESS");
        assertThat(actions(planted)).containsExactly("REGISTERED", "OVERDUE", "PLANTED");
    }

    @Test
    void badFulfilmentInputIsRefusedAndChangesNothing() {
        long id = register(dueToday()).getJsonNumber("id").longValue();
        String officer = api.token("officer");
        for (String bad : List.of("{\"date\":\"2024-04-10\",\"trees\":0,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}",
                "{\"date\":\"2024-04-10\",\"trees\":5,\"species\":\"云杉\",\"latitude\":91,\"longitude\":102.81}",
                "{\"date\":\"2024-13-10\",\"trees\":5,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}",
                "{\"date\":\"2024-02-10\",\"trees\":5,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}",
                "{\"date\":\"2999-01-01\",\"trees\":5,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}",
                "{\"date\":\"2024-04-10\",\"trees\":5,\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81,\"photo\":\"x\"}")) {
            ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/plantings", bad, officer), 400);
        }
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/inspections", "{\"date\":\"2024-05-01\",\"survivingTrees\":-1}", officer), 400);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/offline-payment", "{\"receiptNo\":\"<b>\",\"amountFen\":1}",
                api.token("court")), 400);
        ErrorsIT.problem(api.postJson(ORDERS + "/" + id + "/plantings", "{\"date\":\"2024-04-10\",\"trees\":5,"
                + "\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}", api.token("court")), 403);
        JsonObject unchanged = get(id);
        assertThat(unchanged.getString("status")).isEqualTo("REGISTERED");
        assertThat(unchanged.getJsonArray("plantings")).isEmpty();
        assertThat(actions(unchanged)).containsExactly("REGISTERED");
    }

    @Test
    void aPlantingsPhotoIsStoredAsAPlainJpegAndShownOnlyToThoseWhoSeeTheOrder() throws IOException {
        long id = register(dueToday()).getJsonNumber("id").longValue();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonObject planted = officerPost(id, "plantings", "{\"date\":\"" + today + "\",\"trees\":4,"
                + "\"species\":\"云杉\",\"latitude\":30.38,\"longitude\":102.81}");
        long planting = planted.getJsonArray("plantings").getJsonObject(0).getJsonNumber("id").longValue();
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String path = ORDERS + "/" + id + "/plantings/" + planting + "/photos";

        Api.Reply added = api.send(Api.authorizedRequest(api.request(path).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())), api.token("officer")));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        long photo = added.json().getJsonNumber("id").longValue();
        assertThat(added.json().getInt("width")).isEqualTo(64);

        Api.Reply shown = api.get(ORDERS + "/" + id + "/photos/" + photo, api.token("court"));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.contentType()).isEqualTo("image/jpeg");
        assertThat(shown.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(shown.bytes()[0]).isEqualTo((byte) 0xFF);
        ErrorsIT.problem(api.get(ORDERS + "/" + id + "/photos/" + photo, api.token("court2")), 404);
        ErrorsIT.problem(api.postJson(path, "{}", api.token("officer")), 400);
        ErrorsIT.problem(api.send(Api.authorizedRequest(api.request(ORDERS + "/" + id + "/plantings/999999999/photos")
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())),
                api.token("officer"))), 404);
        assertThat(get(id).getJsonArray("plantings").getJsonObject(0).getJsonArray("photos").getJsonNumber(0).longValue())
                .isEqualTo(photo);
    }
}
