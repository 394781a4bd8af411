package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error status the API uses, each produced on the real server and each an RFC 9457 problem. */
@ServerIT
class ErrorsIT {

    private final Api api = Api.server();

    static JsonObject problem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getString("type")).contains("/problems/");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private String account(String username, String roles, String organisation) {
        return "{\"username\":\"" + username + "\",\"password\":\"Secret#123\",\"roles\":[" + roles + "]"
                + (organisation == null ? "" : ",\"organisation\":\"" + organisation + "\"") + "}";
    }

    @Test
    void malformedJsonIs400() {
        JsonObject p = problem(api.postJson("/api/v1/auth/token", "{\"username\": \"admin\", "), 400);
        assertThat(p.getString("type")).endsWith("/malformed-request");
    }

    @Test
    void failedValidationIs400WithFieldErrors() {
        JsonObject p = problem(api.postJson("/api/v1/admin/accounts", "{\"username\":\"\",\"roles\":[]}",
                api.token("admin")), 400);
        assertThat(p.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .contains("username", "password", "roles");
    }

    /**
     * A service validates its command in the server's language; the answer still speaks the request's, as JAX-RS's
     * own validation did: the same field in Chinese and in English.
     */
    @Test
    void validationMessagesFollowTheRequestsLanguage() {
        String body = "{\"damage\":[{\"species\":\"杉木\",\"volumeM3\":1}],\"multiplier\":101}";
        JsonObject zh = problem(api.send(api.request("/api/v1/public/carbon-loss").header("Content-Type", "application/json")
                .header("Accept-Language", "zh-CN").POST(HttpRequest.BodyPublishers.ofString(body))), 400);
        JsonObject en = problem(api.send(api.request("/api/v1/public/carbon-loss").header("Content-Type", "application/json")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(body))), 400);
        JsonObject zhError = zh.getJsonArray("errors").getJsonObject(0);
        JsonObject enError = en.getJsonArray("errors").getJsonObject(0);
        assertThat(zhError.getString("field")).isEqualTo("multiplier");
        assertThat(enError.getString("field")).isEqualTo("multiplier");
        assertThat(zhError.getString("message")).contains("100").matches(".*\\p{IsHan}.*");
        assertThat(enError.getString("message")).isEqualTo("must be less than or equal to 100");
    }

    @Test
    void unknownFieldIs400() {
        problem(api.postJson("/api/v1/auth/token", "{\"username\":\"admin\",\"password\":\"x\",\"admin\":true}"), 400);
    }

    @Test
    void missingTokenIs401() {
        Api.Reply reply = api.get("/api/v1/me");
        problem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void wrongPasswordIs401() {
        JsonObject p = problem(api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"officer\",\"password\":\"wrong-1\"}"))), 401);
        assertThat(p.getString("detail")).isEqualTo("Wrong username or password.");
    }

    @Test
    void wrongRoleIs403() {
        problem(api.postJson("/api/v1/admin/accounts", account(unique("x"), "\"CITIZEN\"", null),
                api.token("citizen")), 403);
    }

    @Test
    void unknownPathIs404() {
        problem(api.get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void wrongMethodIs405() {
        Api.Reply reply = api.get("/api/v1/auth/token");
        problem(reply, 405);
        assertThat(reply.header("Allow").orElse("")).contains("POST");
    }

    @Test
    void takenUsernameIs409() {
        JsonObject p = problem(api.postJson("/api/v1/admin/accounts", account("officer", "\"OFFICER\"", null),
                api.token("admin")), 409);
        assertThat(p.getString("type")).endsWith("/username-taken");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String huge = "{\"username\":\"" + "a".repeat(1024 * 1024 + 10) + "\",\"password\":\"x\"}";
        problem(api.postJson("/api/v1/auth/token", huge), 413);
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413() {
        byte[] huge = ("{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"password\":\"x\"}").getBytes();
        Api.Reply reply = api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));
        problem(reply, 413);
    }

    @Test
    void wrongContentTypeIs415() {
        problem(api.send(api.request("/api/v1/auth/token").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin"))), 415);
    }

    @Test
    void courtAccountOutsideACourtIs422() {
        JsonObject p = problem(api.postJson("/api/v1/admin/accounts", account(unique("clerk"), "\"COURT\"", "SITE-BFX"),
                api.token("admin")), 422);
        assertThat(p.getString("type")).endsWith("/organisation-mismatch");
    }

    @Test
    void validAccountIs201AndCanLogIn() {
        String username = unique("clerk");
        Api.Reply reply = api.postJson("/api/v1/admin/accounts", account(username, "\"COURT\"", "COURT-1827"),
                api.token("admin"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location").orElseThrow()).endsWith("/api/v1/admin/accounts/" + username);
        String token = api.login(username, "Secret#123");
        assertThat(api.get("/api/v1/me", token).json().getString("organisation")).isEqualTo("COURT-1827");
    }

    @Test
    void sixthFailedLoginFromOneAddressIs429() {
        String username = unique("nobody");
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        String body = "{\"username\":\"" + username + "\",\"password\":\"wrong-password-1\"}";
        for (int i = 0; i < 5; i++) {
            problem(api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                    .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body))), 401);
        }
        Api.Reply reply = api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body)));
        problem(reply, 429);
        assertThat(Long.parseLong(reply.header("Retry-After").orElseThrow())).isBetween(1L, 30L);
    }

    /**
     * A failure nobody planned for: the test makes the database refuse one username behind the application's back,
     * then asks for that account. The answer is a 500 problem with a correlation id and nothing of the SQL error.
     */
    @Test
    void unexpectedFailureIs500WithCorrelationIdAndNoInternals() throws SQLException {
        String username = unique("boom");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE account ADD CONSTRAINT ck_it_boom CHECK (username <> '" + username + "')");
        }
        try {
            Api.Reply reply = api.postJson("/api/v1/admin/accounts", account(username, "\"CITIZEN\"", null),
                    api.token("admin"));
            JsonObject p = problem(reply, 500);
            assertThat(p.getString("correlationId")).hasSize(36);
            assertThat(reply.body()).doesNotContainIgnoringCase("ck_it_boom").doesNotContainIgnoringCase("sql")
                    .doesNotContain("Exception");
        } finally {
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE account DROP CONSTRAINT ck_it_boom");
            }
        }
    }
}
