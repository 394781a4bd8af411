package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account settings over the API: changing one's password (other tokens stop working, wrong current passwords are
 * throttled like logins), resetting a forgotten one with a code from the development SMS outbox (codes work once,
 * expire, allow a few tries, and asking never tells who is registered), and saved visitors kept sealed. Neither a
 * code nor a mobile number reaches the server's log.
 */
@ServerIT
class AccountSettingsIT {

    private static final String NEW_PASSWORD = "Panda#Bamboo-77";
    private static final Pattern MESSAGE = Pattern.compile(
            "sms-phone\">(\\d{11})</span>.*?sms-text\">([^<]*)</span>", Pattern.DOTALL);
    private final Api api = Api.server();

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.19." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private Api.Reply changePassword(String token, String current, String next, String address) {
        return api.send(Api.authorizedRequest(api.request("/api/v1/me/password").header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("currentPassword", current).add("newPassword", next).build().toString())), token));
    }

    private Api.Reply post(String path, JsonObject body, String address) {
        return api.send(api.request(path).header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    private Api.Reply askCode(String account, String address) {
        return post("/api/v1/public/password-reset/codes", Json.createObjectBuilder().add("account", account).build(),
                address);
    }

    private Api.Reply reset(String account, String code, String password, String address) {
        return post("/api/v1/public/password-reset", Json.createObjectBuilder().add("account", account).add("code", code)
                .add("newPassword", password).build(), address);
    }

    private Api.Reply login(String username, String password) {
        return api.postJson("/api/v1/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
    }

    /** The texts the development outbox holds for this number, newest first, as an administrator reads them. */
    static List<String> messagesTo(Api api, String phone) {
        Api.Reply page = WebSession.login(api, "admin", Api.DEMO_PASSWORD).get("/admin/sms.xhtml");
        assertThat(page.status()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        Matcher m = MESSAGE.matcher(page.body());
        while (m.find()) {
            if (m.group(1).equals(phone)) {
                texts.add(m.group(2));
            }
        }
        return texts;
    }

    /** The code of the latest text message to this number. */
    static String codeSentTo(Api api, String phone) {
        List<String> texts = messagesTo(api, phone);
        assertThat(texts).as("text messages to the number").isNotEmpty();
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(texts.get(0));
        assertThat(code.find()).as(texts.get(0)).isTrue();
        return code.group(1);
    }

    // ---------------------------------------------------------------- changing one's password

    @Test
    void aChangedPasswordEndsTheOtherTokensButNotTheOneThatChangedIt() {
        TestCitizens.Citizen citizen = TestCitizens.registered(api);
        String other = api.login(citizen.username(), TestCitizens.PASSWORD);
        assertThat(api.get("/api/v1/me", other).status()).isEqualTo(200);

        Api.Reply changed = changePassword(citizen.token(), TestCitizens.PASSWORD, NEW_PASSWORD, address());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", citizen.token()).status()).as("the token that changed it").isEqualTo(200);
        assertThat(api.get("/api/v1/me", other).status()).as("another token of the account").isEqualTo(401);
        assertThat(login(citizen.username(), TestCitizens.PASSWORD).status()).isEqualTo(401);
        assertThat(login(citizen.username(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aRefusedChangeSaysWhichFieldAndChangesNothing() {
        TestCitizens.Citizen citizen = TestCitizens.registered(api);
        String address = address();
        ErrorsIT.problem(changePassword(citizen.token(), "Not-the-password-1", NEW_PASSWORD, address), 400);
        assertThat(changePassword(citizen.token(), "Not-the-password-1", NEW_PASSWORD, address).json()
                .getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("currentPassword");
        for (String weak : List.of("short1", "password1", "woaini1314", "lettersonly", citizen.username() + "12345",
                TestCitizens.PASSWORD)) {
            Api.Reply refused = changePassword(citizen.token(), TestCitizens.PASSWORD, weak, address());
            ErrorsIT.problem(refused, 400);
            assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(weak)
                    .isEqualTo("newPassword");
        }
        Api.Reply empty = api.send(Api.authorizedRequest(api.request("/api/v1/me/password")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")), citizen.token()));
        ErrorsIT.problem(empty, 400);
        ErrorsIT.problem(api.putJson("/api/v1/me/password", "{\"currentPassword\":\"x\",\"newPassword\":\"y\"}", null), 401);

        assertThat(login(citizen.username(), TestCitizens.PASSWORD).status()).as("the password as it was").isEqualTo(200);
        assertThat(api.get("/api/v1/me", citizen.token()).status()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeLoginsAndLogged() throws Exception {
        TestCitizens.Citizen citizen = TestCitizens.registered(api);
        String guesser = address();
        long before = Files.size(ServerLogIT.log());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(changePassword(citizen.token(), "guess-" + i + "-Forest", NEW_PASSWORD, guesser).status());
        }
        assertThat(statuses.stream().filter(s -> s == 400).count()).as("current passwords really checked")
                .isBetween(1L, 5L);
        Api.Reply held = changePassword(citizen.token(), TestCitizens.PASSWORD, NEW_PASSWORD, guesser);
        ErrorsIT.problem(held, 429);
        assertThat(Long.parseLong(held.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(login(citizen.username(), TestCitizens.PASSWORD).status()).as("unchanged").isEqualTo(200);

        String logged = ServerLogIT.loggedSince(before);
        assertThat(logged).contains("password change refused (wrong current password)")
                .contains("password change refused (throttled)").doesNotContain(citizen.username())
                .doesNotContain("guess-0-Forest");
    }

    // ---------------------------------------------------------------- a forgotten password

    @Test
    void aCodeFromTheOutboxResetsThePasswordOnceAndEndsEveryToken() throws Exception {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        long before = Files.size(ServerLogIT.log());

        Api.Reply asked = askCode(citizen.username(), address());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        String code = codeSentTo(api, phone);
        assertThat(messagesTo(api, phone).get(0)).contains("验证码", "10\u00a0分钟");

        Api.Reply done = reset(citizen.username(), code, NEW_PASSWORD, address());
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", citizen.token()).status()).as("the token of the old password").isEqualTo(401);
        assertThat(login(citizen.username(), NEW_PASSWORD).status()).isEqualTo(200);

        Api.Reply again = reset(citizen.username(), code, "Another#Bamboo-78", address());
        ErrorsIT.problem(again, 400);
        assertThat(again.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
        assertThat(login(citizen.username(), NEW_PASSWORD).status()).as("a used code changes nothing").isEqualTo(200);

        String logged = ServerLogIT.loggedSince(before);
        assertThat(logged).as("the log").doesNotContain(code).doesNotContain(phone).doesNotContain(phone.substring(3));
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAccountExists() {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        Api.Reply known = askCode(citizen.username(), address());
        Api.Reply unknown = askCode("nobody" + ThreadLocalRandom.current().nextInt(1_000_000), address());
        Api.Reply noMobile = askCode("officer", address());
        Api.Reply unknownPhone = askCode(TestCitizens.phone(), address());
        for (Api.Reply reply : List.of(known, unknown, noMobile, unknownPhone)) {
            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.body()).isEqualTo(known.body());
        }
        Api.Reply wrongForUnknown = reset("nobody-at-all", "123456", NEW_PASSWORD, address());
        Api.Reply wrongForKnown = reset(citizen.username(), wrong(codeSentTo(api, phone), 0), NEW_PASSWORD, address());
        ErrorsIT.problem(wrongForUnknown, 400);
        ErrorsIT.problem(wrongForKnown, 400);
        assertThat(wrongForUnknown.json().getString("detail")).isEqualTo(wrongForKnown.json().getString("detail"));
    }

    @Test
    void aWeakPasswordOrAWrongCodeDoesNotUseTheCodeUp() {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        assertThat(askCode(phone, address()).status()).as("asked by mobile number").isEqualTo(202);
        String code = codeSentTo(api, phone);

        Api.Reply weak = reset(phone, code, "password1", address());
        ErrorsIT.problem(weak, 400);
        assertThat(weak.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("newPassword");
        ErrorsIT.problem(reset(phone, "12345", NEW_PASSWORD, address()), 400);
        for (int i = 0; i < 3; i++) {
            ErrorsIT.problem(reset(phone, wrong(code, i), NEW_PASSWORD, address()), 400);
        }
        assertThat(login(citizen.username(), TestCitizens.PASSWORD).status()).as("unchanged").isEqualTo(200);
        Api.Reply fifth = reset(phone, code, NEW_PASSWORD, address());
        assertThat(fifth.status()).as("the fifth try, " + fifth).isEqualTo(204);
        assertThat(login(citizen.username(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void fiveWrongTriesEndACode() {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        askCode(citizen.username(), address());
        String code = codeSentTo(api, phone);
        for (int i = 0; i < 5; i++) {
            // Each try from an address of its own, so that the code's own limit is what ends it, not the throttle.
            ErrorsIT.problem(reset(citizen.username(), wrong(code, i), NEW_PASSWORD, address()), 400);
        }
        ErrorsIT.problem(reset(citizen.username(), code, NEW_PASSWORD, address()), 400);
        assertThat(login(citizen.username(), TestCitizens.PASSWORD).status()).as("unchanged").isEqualTo(200);
    }

    /** A code other than {@code code}, the i-th one after it. */
    private static String wrong(String code, int i) {
        return String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
    }

    @Test
    void repeatedWrongCodesFromOneAddressAreThrottled() {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        askCode(citizen.username(), address());
        String code = codeSentTo(api, phone);
        String guesser = address();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(reset(citizen.username(), wrong(code, i), NEW_PASSWORD, guesser).status());
        }
        assertThat(statuses).contains(429);
        ErrorsIT.problem(reset(citizen.username(), code, NEW_PASSWORD, guesser), 429);
    }

    @Test
    void codesAreLimitedPerAccountAndPerAddress() {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        assertThat(askCode(citizen.username(), address()).status()).isEqualTo(202);
        assertThat(askCode(citizen.username(), address()).status()).as("the same answer").isEqualTo(202);
        assertThat(messagesTo(api, phone)).as("one text within a minute, whoever asks").hasSize(1);

        String flooder = address();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(askCode("nobody" + i, flooder).status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(202);
        assertThat(statuses.get(6)).isEqualTo(429);
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        String phone = TestCitizens.phone();
        TestCitizens.Citizen citizen = TestCitizens.registered(api, phone);
        askCode(citizen.username(), address());
        String code = codeSentTo(api, phone);
        try {
            api.moveClock("PT10M1S");
            Api.Reply late = reset(citizen.username(), code, NEW_PASSWORD, address());
            ErrorsIT.problem(late, 400);
            assertThat(late.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
            // A new code may be asked for now, and works.
            assertThat(askCode(citizen.username(), address()).status()).isEqualTo(202);
            String fresh = codeSentTo(api, phone);
            assertThat(reset(citizen.username(), fresh, NEW_PASSWORD, address()).status()).isEqualTo(204);
        } finally {
            api.moveClock("PT0S");
        }
    }

    // ---------------------------------------------------------------- saved visitors

    @Test
    void savedVisitorsAreListedMaskedAndStoredSealed() throws Exception {
        String token = TestCitizens.register(api);
        String name = PersonalDataAtRestIT.uniqueName();
        String id = TestCitizens.idNumber(TestCitizens.agedInYear(8));
        String phone = TestCitizens.phone();
        Api.Reply saved = api.postJson("/api/v1/me/visitors", Json.createObjectBuilder().add("name", name)
                .add("idNumber", id).add("phone", phone).build().toString(), token);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        assertThat(saved.json().getString("name")).isEqualTo(name.charAt(0) + "***");
        assertThat(saved.json().getString("idNumberMasked")).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
        assertThat(saved.json().getString("phoneMasked")).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        long visitorId = saved.json().getJsonNumber("id").longValue();

        JsonArray list = api.get("/api/v1/me/visitors", token).jsonArray();
        assertThat(list).hasSize(1);
        assertThat(list.toString()).doesNotContain(id).doesNotContain(name).doesNotContain(phone);
        try (Connection db = TestDatabase.connect()) {
            assertThat(PersonalDataAtRestIT.columnsHolding(db, id)).as("columns holding the ID number in clear").isEmpty();
            assertThat(PersonalDataAtRestIT.columnsHolding(db, name)).as("columns holding the name in clear").isEmpty();
        }

        Api.Reply twice = api.postJson("/api/v1/me/visitors", Json.createObjectBuilder().add("name", "王小明")
                .add("idNumber", id).build().toString(), token);
        ErrorsIT.problem(twice, 409);
        assertThat(twice.json().getString("type")).endsWith("visitor-saved-already");

        String other = TestCitizens.register(api);
        ErrorsIT.problem(api.send(Api.authorizedRequest(api.request("/api/v1/me/visitors/" + visitorId).DELETE(), other)), 404);
        assertThat(api.send(Api.authorizedRequest(api.request("/api/v1/me/visitors/" + visitorId).DELETE(), token))
                .status()).isEqualTo(204);
        ErrorsIT.problem(api.send(Api.authorizedRequest(api.request("/api/v1/me/visitors/" + visitorId).DELETE(), token)), 404);
        assertThat(api.get("/api/v1/me/visitors", token).jsonArray()).isEmpty();
    }

    @Test
    void anInvalidVisitorIsRefusedFieldByFieldAndNothingIsSaved() {
        String token = TestCitizens.register(api);
        String valid = TestCitizens.idNumber(TestCitizens.agedInYear(20));
        String badCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        Api.Reply refused = api.postJson("/api/v1/me/visitors", Json.createObjectBuilder().add("name", " ")
                .add("idNumber", badCheck).add("phone", "12345").build().toString(), token);
        ErrorsIT.problem(refused, 400);
        assertThat(refused.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList())
                .containsExactlyInAnyOrder("name", "idNumber", "phone");
        assertThat(refused.body()).doesNotContain(badCheck);
        ErrorsIT.problem(api.postJson("/api/v1/me/visitors", "{\"name\":\"王五\",\"idNumber\":\"1\",\"extra\":1}",
                token), 400);
        ErrorsIT.problem(api.postJson("/api/v1/me/visitors", "{\"name\":\"" + "王".repeat(51) + "\",\"idNumber\":\""
                + TestCitizens.idNumber(TestCitizens.agedInYear(20)) + "\"}", token), 400);
        assertThat(api.get("/api/v1/me/visitors", token).jsonArray()).isEmpty();
    }
}
