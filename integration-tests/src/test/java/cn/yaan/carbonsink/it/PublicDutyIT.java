package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compulsory tree-planting duty on the real server: registration with protected personal data, the duty of a
 * year by age, units bought in parallel and counted once each, certificates issued once, planting events with
 * signed rotating QR codes, and exemptions.
 */
@ServerIT
class PublicDutyIT {

    private static final Random RANDOM = new Random();
    private static final String PASSWORD = "Plant3Trees";
    private static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

    private final Api api = Api.server();

    // ---------------------------------------------------------------- helpers

    static String username() {
        return "c" + Long.toString(Math.abs(RANDOM.nextLong()), 36);
    }

    private static String body(String username, String name, String idNumber, String phone, String password,
                               boolean consent) {
        return Json.createObjectBuilder().add("username", username).add("name", name).add("idNumber", idNumber)
                .add("phone", phone).add("password", password).add("consent", consent).build().toString();
    }

    /** Registers a citizen of the given age and returns a token. */
    private String citizen(int age) {
        return citizen(age, RANDOM.nextBoolean());
    }

    private String citizen(int age, boolean female) {
        String username = username();
        Api.Reply reply = api.postJson("/api/v1/public/citizens", body(username, "李四", TestCitizens.idNumber(TestCitizens.agedInYear(age), female),
                "139" + String.format("%08d", RANDOM.nextInt(100_000_000)), PASSWORD, true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return api.login(username, PASSWORD);
    }

    private JsonObject duty(String token) {
        Api.Reply reply = api.get("/api/v1/me/obligations/" + YEAR, token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private Api.Reply buy(String token, int trees, String project) {
        return api.postJson("/api/v1/me/obligations/" + YEAR + "/unit-purchases",
                "{\"trees\":" + trees + ",\"projectCode\":\"" + project + "\"}", token);
    }

    private Api.Reply pay(String token, String paymentId) {
        return api.postJson("/api/v1/payments/" + paymentId + "/simulated-confirmation", "", token);
    }

    private static List<String> fields(JsonObject problem) {
        return problem.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
    }

    private String event(LocalDate date, int places, int trees) {
        Api.Reply reply = api.postJson("/api/v1/planting-events", Json.createObjectBuilder().add("site", "雨城区大兴镇")
                .add("date", date.toString()).add("places", places).add("treesPerAttendee", trees).build().toString(),
                api.token("officer"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return String.valueOf(reply.json().getJsonNumber("id").longValue());
    }

    private String qr(String token) {
        Api.Reply reply = api.get("/api/v1/me/attendance-qr", token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getString("text");
    }

    private Api.Reply attend(String eventId, String qr, Integer trees) {
        var body = Json.createObjectBuilder().add("citizenQr", qr);
        if (trees != null) {
            body.add("trees", trees);
        }
        return api.postJson("/api/v1/planting-events/" + eventId + "/attendances", body.build().toString(),
                api.token("officer"));
    }

    // ---------------------------------------------------------------- registration

    @Test
    void registrationReportsEveryBadFieldAndStoresTheNumbersSealed() throws Exception {
        Api.Reply bad = api.postJson("/api/v1/public/citizens",
                body(username(), "王五", "110105194912310021", "12345678901", "short", false));
        assertThat(fields(ErrorsIT.problem(bad, 400))).containsExactlyInAnyOrder("idNumber", "phone", "password", "consent");
        assertThat(bad.body()).doesNotContain("110105194912310021").doesNotContain("12345678901");
        Api.Reply impossibleDate = api.postJson("/api/v1/public/citizens",
                body(username(), "王五", "110105194902300021", "13912345678", PASSWORD, true));
        assertThat(fields(ErrorsIT.problem(impossibleDate, 400))).containsExactly("idNumber");

        String id = TestCitizens.idNumber(TestCitizens.agedInYear(30));
        String lowercase = id.toLowerCase();
        String username = username();
        Api.Reply ok = api.postJson("/api/v1/public/citizens", body(username, "欧阳娜娜", lowercase, "13912345678",
                PASSWORD, true));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().getString("idNumberMasked")).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
        assertThat(ok.json().getString("phoneMasked")).isEqualTo("139****5678");
        assertThat(ok.body()).doesNotContain(id).doesNotContain("13912345678");

        // One account per ID number, however it is typed; one username per account (one answer for both).
        Api.Reply again = api.postJson("/api/v1/public/citizens", body(username(), "欧阳娜娜", id, "13912345679",
                PASSWORD, true));
        assertThat(ErrorsIT.problem(again, 409).getString("type")).endsWith("registration-refused");
        Api.Reply sameName = api.postJson("/api/v1/public/citizens", body(username, "欧阳娜娜",
                TestCitizens.idNumber(TestCitizens.agedInYear(31)), "13912345679", PASSWORD, true));
        assertThat(ErrorsIT.problem(sameName, 409).getString("type")).endsWith("registration-refused");

        // What the database holds is sealed: neither number appears in clear.
        try (Connection db = TestDatabase.connect(); PreparedStatement q = db.prepareStatement(
                "select p.id_number_protected, p.id_number_hash, p.phone_protected from citizen_profile p "
                        + "join account a on a.id = p.account_id where a.username = ?")) {
            q.setString(1, username);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(id);
                assertThat(rs.getString(2)).hasSize(64).doesNotContain(id);
                assertThat(rs.getString(3)).startsWith("v1:").doesNotContain("13912345678");
            }
        }
        JsonObject me = api.get("/api/v1/me", api.login(username, PASSWORD)).json();
        assertThat(me.getJsonArray("roles").getString(0)).isEqualTo("CITIZEN");
        JsonObject mine = api.get("/api/v1/me/citizen", api.login(username, PASSWORD)).json();
        assertThat(mine.getString("idNumberMasked")).contains("********");

        // Nor does the server's log, whatever was sent. It must be the running server's log, or this proves nothing;
        // all of it: the log handler starts a new file at midnight (server.log.yyyy-MM-dd holds the day before).
        Path logs = Path.of(System.getProperty("it.server.home"), "standalone", "log");
        assertThat(logs.resolve("server.log")).as("the suite server's log").isRegularFile();
        StringBuilder text = new StringBuilder();
        try (java.util.stream.Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted().toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        String logged = text.toString();
        assertThat(logged).as("the log of the server that deployed the application").contains("Deployed \"carbonsink.ear\"");
        assertThat(logged).doesNotContain(id).doesNotContain(lowercase).doesNotContain("110105194912310021")
                .doesNotContain("13912345678").doesNotContain("欧阳娜娜");
    }

    // ---------------------------------------------------------------- the duty of a year

    @Test
    void theDutyDependsOnTheAgeOnTheLastDayOfTheYear() {
        JsonObject eleven = duty(citizen(11));
        assertThat(eleven.getBoolean("obliged")).isTrue();
        assertThat(eleven.getInt("treesOwed")).isEqualTo(3);
        assertThat(eleven.getInt("treesFulfilled")).isZero();
        assertThat(eleven.getString("status")).isEqualTo("OPEN");
        assertThat(eleven.get("certificateNo")).isIn(null, JsonValue.NULL);

        JsonObject ten = duty(citizen(10));
        assertThat(ten.getBoolean("obliged")).isFalse();
        assertThat(ten.getInt("treesOwed")).isZero();
        assertThat(ten.getString("status")).isEqualTo("NOT_OBLIGED");
        assertThat(duty(citizen(60)).getBoolean("obliged")).isTrue();
        assertThat(duty(citizen(61)).getBoolean("obliged")).isFalse();

        // The demo citizen has a demo ID number (born 1990): obliged.
        assertThat(duty(api.token("citizen")).getBoolean("obliged")).isTrue();
        ErrorsIT.problem(api.get("/api/v1/me/obligations/1999", api.token("citizen")), 400);
    }

    /**
     * The holder's own PDF names them in full and is never cached; the public PDF (and its QR code) stays masked and
     * cacheable; another citizen gets 404, as for a number that does not exist, and the anonymous 401.
     */
    @Test
    void theHoldersOwnPdfNamesThemInFullAndIsNeverCached() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 10_000);
        String token = citizen(35);
        Api.Reply order = buy(token, 3, project);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(pay(token, order.json().getString("paymentId")).status()).isEqualTo(200);
        String number = duty(token).getString("certificateNo");

        Api.Reply publicPdf = api.get("/api/v1/public/certificates/" + number + "/pdf");
        assertThat(publicPdf.header("Cache-Control")).hasValueSatisfying(c -> assertThat(c).startsWith("public"));
        assertThat(publicPdf.header("ETag")).isPresent();
        assertThat(CertificateIT.pdfText(api, number)).contains("持有人 / Holder 李*").doesNotContain("李四");

        String own = "/api/v1/certificates/" + number + "/pdf";
        Api.Reply mine = api.get(own, token);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.contentType()).startsWith("application/pdf");
        assertThat(mine.header("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("private", "no-store"));
        assertThat(mine.header("ETag")).isEmpty();
        String text = CertificateFiles.text(mine.bytes());
        assertThat(text).contains("持有人 / Holder 李四", number);
        // The QR code of the personal copy is the public one: the signed payload holds the masked name only.
        assertThat(CertificateFiles.qrOfPdf(mine.bytes())).isEqualTo(api.get("/api/v1/public/certificates/" + number)
                .json().getString("verifyUrl"));

        ErrorsIT.problem(api.get(own, citizen(40)), 404);
        assertThat(api.get(own).status()).isEqualTo(401);
        ErrorsIT.problem(api.get("/api/v1/certificates/D-2026-0000-0000-0/pdf", token), 404);
    }

    @Test
    void twoPurchasesPaidInParallelCountOnceEachAndEarnOneCertificate() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 10_000);
        String token = citizen(35);

        List<Api.Reply> orders = LedgerIT.inParallel(List.of(() -> buy(token, 2, project), () -> buy(token, 2, project)));
        for (Api.Reply order : orders) {
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            assertThat(order.json().getJsonNumber("quantityKg").longValue()).isEqualTo(40);
            assertThat(order.json().getJsonNumber("amountFen").longValue()).isEqualTo(320); // 40 kg at 8000 fen/t
            assertThat(order.json().getJsonNumber("orderId").longValue()).isPositive();
        }
        assertThat(duty(token).getString("status")).isEqualTo("OPEN");

        List<String> payments = orders.stream().map(o -> o.json().getString("paymentId")).toList();
        List<Api.Reply> paid = LedgerIT.inParallel(List.of(() -> pay(token, payments.get(0)), () -> pay(token, payments.get(1))));
        assertThat(paid).allSatisfy(p -> assertThat(p.status()).as(p.toString()).isEqualTo(200));
        // Paying again (a retried confirmation) changes nothing.
        assertThat(pay(token, payments.get(0)).status()).isEqualTo(200);

        JsonObject duty = duty(token);
        assertThat(duty.getInt("treesFulfilled")).isEqualTo(4);
        assertThat(duty.getString("status")).isEqualTo("FULFILLED");
        assertThat(duty.getJsonArray("fulfilments")).hasSize(2).allSatisfy(f -> {
            assertThat(f.asJsonObject().getString("form")).isEqualTo("CARBON_UNITS");
            assertThat(f.asJsonObject().getInt("trees")).isEqualTo(2);
            assertThat(f.asJsonObject().getString("reference")).startsWith("retirement:");
        });
        assertThat(duty.getJsonArray("fulfilments").stream().map(f -> f.asJsonObject().getString("reference")).distinct())
                .hasSize(2);
        String number = duty.getString("certificateNo");
        assertThat(number).startsWith("D-");
        assertThat(duty.get("honourCertificateNo")).isIn(null, JsonValue.NULL);

        JsonObject certificate = api.get("/api/v1/public/certificates/" + number).json();
        assertThat(certificate.getString("kind")).isEqualTo("PUBLIC_DUTY");
        assertThat(certificate.getString("holder")).isEqualTo("李*");
        assertThat(certificate.getInt("trees")).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/v1/public/certificates/" + number + "/pdf").status()).isEqualTo(200);
        try (Connection db = TestDatabase.connect(); PreparedStatement q = db.prepareStatement(
                "select count(*) from certificate where number = ? or scheme_ref = (select scheme_ref from certificate where number = ?)")) {
            q.setString(1, number);
            q.setString(2, number);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("certificates of this duty").isEqualTo(1);
            }
        }

        // Two more trees' worth makes 6 = twice the duty: the honour certificate, still one duty certificate.
        String third = buy(token, 2, project).json().getString("paymentId");
        assertThat(pay(token, third).status()).isEqualTo(200);
        JsonObject honoured = duty(token);
        assertThat(honoured.getInt("treesFulfilled")).isEqualTo(6);
        assertThat(honoured.getString("certificateNo")).isEqualTo(number);
        assertThat(honoured.getString("honourCertificateNo")).startsWith("H-");
        // The honour certificate as the citizen prints and shares it, beside the other kinds' screenshots.
        cn.yaan.carbonsink.it.browser.CertificateShots.save(api, honoured.getString("honourCertificateNo"),
                "public-duty-honour");
    }

    @Test
    void purchasesAreCheckedBeforeAnythingIsHeld() {
        String token = citizen(40);
        ErrorsIT.problem(api.postJson("/api/v1/me/obligations/" + YEAR + "/unit-purchases", "{\"trees\":0}", token), 400);
        ErrorsIT.problem(api.postJson("/api/v1/me/obligations/" + YEAR + "/unit-purchases", "{}", token), 400);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/me/obligations/" + (YEAR - 1) + "/unit-purchases",
                "{\"trees\":1}", token), 422).getString("type")).endsWith("year-closed");
        // An account without citizen data (an officer cannot even call it; a CITIZEN created by an admin could).
        ErrorsIT.problem(api.postJson("/api/v1/me/obligations/" + YEAR + "/unit-purchases", "{\"trees\":1}",
                api.token("officer")), 403);
    }

    // ---------------------------------------------------------------- events and exemptions

    @Test
    void anAttendanceIsCreditedOnceAndARotatedOutQrIsRefused() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String eventId = event(today, 2, 3);
        String first = citizen(25);
        String second = citizen(26);
        String third = citizen(27);

        assertThat(api.postJson("/api/v1/planting-events/" + eventId + "/signups", "", first).status()).isEqualTo(201);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/planting-events/" + eventId + "/signups", "", first), 409)
                .getString("type")).endsWith("already-signed-up");
        assertThat(api.postJson("/api/v1/planting-events/" + eventId + "/signups", "", second).status()).isEqualTo(201);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/planting-events/" + eventId + "/signups", "", third), 409)
                .getString("type")).endsWith("event-full");
        assertThat(api.get("/api/v1/planting-events", first).jsonArray().stream()
                .filter(e -> String.valueOf(e.asJsonObject().getJsonNumber("id").longValue()).equals(eventId))
                .findFirst().orElseThrow().asJsonObject().getInt("placesLeft")).isZero();

        String qr = qr(first);
        assertThat(qr).startsWith("YAQ1.").doesNotContain("李四");
        Api.Reply attended = attend(eventId, qr, null);
        assertThat(attended.status()).as(attended.toString()).isEqualTo(201);
        assertThat(attended.json().getInt("trees")).isEqualTo(3);
        assertThat(attended.json().getString("status")).isEqualTo("FULFILLED");
        assertThat(ErrorsIT.problem(attend(eventId, qr(first), 2), 409).getString("type")).endsWith("already-attended");
        JsonObject duty = duty(first);
        assertThat(duty.getInt("treesFulfilled")).isEqualTo(3);
        assertThat(duty.getJsonArray("fulfilments").getJsonObject(0).getString("form")).isEqualTo("PLANTING");
        assertThat(duty.getString("certificateNo")).startsWith("D-");
        Api.Reply pdf = api.get("/api/v1/public/certificates/" + duty.getString("certificateNo") + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(CertificateIT.pdfText(api, duty.getString("certificateNo")))
                .contains("义务植树年度 / Duty year " + duty.getInt("year"), "相当于植树（株） / Trees 3")
                .as("planting retires no units: no word of units").doesNotContain("永久不再转让");

        // A forged or altered code is refused.
        String altered = qr.substring(0, qr.length() - 3) + (qr.endsWith("AAA") ? "BBB" : "AAA");
        ErrorsIT.problem(attend(eventId, altered, null), 400);
        ErrorsIT.problem(attend(eventId, "https://example.org/not-ours", null), 400);

        // The second citizen's screenshot from before the clock moved on by more than the validity is refused.
        String screenshot = qr(second);
        try {
            api.moveClock("PT6M");
            assertThat(ErrorsIT.problem(attend(eventId, screenshot, null), 422).getString("type")).endsWith("qr-expired");
            Api.Reply fresh = attend(eventId, qr(api.login(usernameOf(second), PASSWORD)), 2);
            assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
        } finally {
            api.moveClock("PT0S");
        }
        assertThat(duty(second).getInt("treesFulfilled")).isEqualTo(2);
        assertThat(duty(second).getString("status")).isEqualTo("OPEN");
    }

    private String usernameOf(String token) {
        return api.get("/api/v1/me", token).json().getString("username");
    }

    @Test
    void anExemptCitizenWhoContributesEarnsTheHonour() {
        String token = citizen(45);
        String username = usernameOf(token);
        String body = Json.createObjectBuilder().add("username", username).add("year", YEAR)
                .add("reason", "术后康复期").build().toString();
        Api.Reply exempted = api.postJson("/api/v1/obligation-exemptions", body, api.token("officer"));
        assertThat(exempted.status()).as(exempted.toString()).isEqualTo(201);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/obligation-exemptions", body, api.token("officer")), 409)
                .getString("type")).endsWith("already-exempt");
        JsonObject duty = duty(token);
        assertThat(duty.getString("status")).isEqualTo("EXEMPT");
        assertThat(duty.getBoolean("obliged")).isFalse();
        assertThat(duty.getInt("treesOwed")).isZero();

        String eventId = event(LocalDate.now(ZoneId.of("Asia/Shanghai")), 5, 1);
        assertThat(attend(eventId, qr(token), null).status()).isEqualTo(201);
        JsonObject after = duty(token);
        assertThat(after.getString("status")).isEqualTo("EXEMPT");
        assertThat(after.get("certificateNo")).isIn(null, JsonValue.NULL);
        assertThat(after.getString("honourCertificateNo")).startsWith("H-");
    }

    @Test
    void officersRecordLabourAndDonationsConvertedToTrees() {
        String token = citizen(50);
        String username = usernameOf(token);
        String officer = api.token("officer");
        String path = "/api/v1/obligation-fulfilments";
        // 3 hours of volunteering at 2 hours a tree: 1 tree.
        Api.Reply hours = api.postJson(path, "{\"username\":\"" + username + "\",\"year\":" + YEAR
                + ",\"form\":\"VOLUNTEERING\",\"hours\":3}", officer);
        assertThat(hours.status()).as(hours.toString()).isEqualTo(201);
        assertThat(hours.json().getInt("treesFulfilled")).isEqualTo(1);
        // 40 yuan donated at 20 yuan a tree: 2 trees, and the duty is done.
        Api.Reply donation = api.postJson(path, "{\"username\":\"" + username + "\",\"year\":" + YEAR
                + ",\"form\":\"DONATION\",\"amountFen\":4000}", officer);
        assertThat(donation.status()).as(donation.toString()).isEqualTo(201);
        assertThat(donation.json().getString("status")).isEqualTo("FULFILLED");
        assertThat(duty(token).getJsonArray("fulfilments").stream().map(f -> f.asJsonObject().getString("form")))
                .containsExactly("VOLUNTEERING", "DONATION");

        ErrorsIT.problem(api.postJson(path, "{\"username\":\"" + username + "\",\"year\":" + YEAR
                + ",\"form\":\"CARBON_UNITS\",\"trees\":3}", officer), 400);
        ErrorsIT.problem(api.postJson(path, "{\"username\":\"" + username + "\",\"year\":" + YEAR
                + ",\"form\":\"OTHER\",\"trees\":3,\"hours\":4}", officer), 400);
        ErrorsIT.problem(api.postJson(path, "{\"username\":\"" + username + "\",\"year\":" + YEAR
                + ",\"form\":\"TENDING\",\"hours\":1}", officer), 400); // half a tree
        ErrorsIT.problem(api.postJson(path, "{\"username\":\"nobody-here\",\"year\":" + YEAR
                + ",\"form\":\"OTHER\",\"trees\":1}", officer), 404);
        assertThat(duty(token).getInt("treesFulfilled")).isEqualTo(3);

        // A ten-year-old who plants a tree is outside the band: no duty certificate, the honour one.
        String child = citizen(10);
        Api.Reply planted = api.postJson(path, "{\"username\":\"" + usernameOf(child) + "\",\"year\":" + YEAR
                + ",\"form\":\"PLANTING\",\"trees\":1}", officer);
        assertThat(planted.status()).as(planted.toString()).isEqualTo(201);
        assertThat(planted.json().getString("status")).isEqualTo("NOT_OBLIGED");
        assertThat(planted.json().get("certificateNo")).isIn(null, JsonValue.NULL);
        assertThat(planted.json().getString("honourCertificateNo")).startsWith("H-");
    }

    @Test
    void settingsAreCheckedTogetherAndKeptAsGiven() {
        String officer = api.token("officer");
        JsonObject current = api.get("/api/v1/duty-settings", officer).json();
        assertThat(current.getInt("kgPerTree")).isPositive();
        var wrong = Json.createObjectBuilder(current).add("ageMax", current.getInt("ageMin") - 1).build();
        assertThat(fields(ErrorsIT.problem(api.putJson("/api/v1/duty-settings", wrong.toString(), officer), 400)))
                .containsExactly("ageMax");
        Api.Reply same = api.putJson("/api/v1/duty-settings", current.toString(), officer);
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.json()).isEqualTo(current);

        // The State Council's band for women (to 55), read from the ID number's 17th digit; off again afterwards.
        try {
            Api.Reply on = api.putJson("/api/v1/duty-settings",
                    Json.createObjectBuilder(current).add("ageMaxWomen", 55).build().toString(), officer);
            assertThat(on.status()).as(on.toString()).isEqualTo(200);
            assertThat(duty(citizen(56, true)).getBoolean("obliged")).isFalse();
            assertThat(duty(citizen(56, false)).getBoolean("obliged")).isTrue();
            assertThat(duty(citizen(55, true)).getBoolean("obliged")).isTrue();
        } finally {
            assertThat(api.putJson("/api/v1/duty-settings", current.toString(), officer).status()).isEqualTo(200);
        }
        assertThat(duty(citizen(56, true)).getBoolean("obliged")).isTrue();
    }
}
