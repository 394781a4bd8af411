package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell of the platform on the real server: pages, login, tokens, OpenAPI, health. */
@ServerIT
class FoundationIT {

    private final Api api = Api.server();

    @Test
    void homePageIsChineseByDefault() {
        Api.Reply reply = api.get("/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.body()).contains("lang=\"zh-CN\"", "雅安森林碳汇公共服务平台", "碳汇 + 公众义务", "碳汇 + 司法",
                "碳汇 + 生态旅游");
    }

    @Test
    void homePageFollowsAcceptLanguage() {
        Api.Reply reply = api.send(api.request("/").header("Accept-Language", "en-GB,en;q=0.9").GET());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("lang=\"en\"", "Ya'an Forest Carbon-Sink Public Platform")
                .doesNotContain("雅安森林碳汇公共服务平台");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "officer", "court", "gate", "citizen"})
    void everyDemoAccountGetsAToken(String username) {
        Api.Reply reply = api.postJson("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + Api.DEMO_PASSWORD + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.getString("token")).hasSizeGreaterThan(30);
        assertThat(body.getString("expiresAt")).isNotBlank();
        assertThat(body.getJsonArray("roles")).isNotEmpty();

        Api.Reply me = api.get("/api/v1/me", body.getString("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("username")).isEqualTo(username);
    }

    @Test
    void demoAccountsCarryTheirRolesAndOrganisations() {
        JsonObject court = api.get("/api/v1/me", api.token("court")).json();
        assertThat(court.getJsonArray("roles").getString(0)).isEqualTo("COURT");
        assertThat(court.getString("organisation")).isEqualTo("COURT-1802");
        JsonObject gate = api.get("/api/v1/me", api.token("gate")).json();
        assertThat(gate.getJsonArray("roles").getString(0)).isEqualTo("SITE_OPERATOR");
        assertThat(gate.getString("organisation")).isEqualTo("SITE-BFX");
    }

    @Test
    void revokedTokenNoLongerWorks() {
        String token = api.login("citizen", Api.DEMO_PASSWORD);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        Api.Reply revoke = api.send(Api.authorized(api.request("/api/v1/auth/token").DELETE(), token));
        assertThat(revoke.status()).isEqualTo(204);
        Api.Reply after = api.get("/api/v1/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenUsedAMomentAgoIsRefusedOnceItHasExpired() {
        String token = api.login("citizen", Api.DEMO_PASSWORD);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        try {
            api.moveClock("PT8H1M"); // past the 8-hour lifetime
            Api.Reply expired = api.get("/api/v1/me", token);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.contentType()).startsWith("application/problem+json");
        } finally {
            api.moveClock("PT0S");
        }
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
    }

    @Test
    void testServerClockMovesForwardOnlyForAnAdministrator() {
        assertThat(api.putJson("/api/v1/admin/clock", "{\"offset\":\"PT1H\"}", api.token("officer")).status())
                .isEqualTo(403);
        assertThat(api.putJson("/api/v1/admin/clock", "{\"offset\":\"-PT1H\"}", api.token("admin")).status())
                .isEqualTo(400);
        try {
            api.moveClock("PT2H");
            JsonObject clock = api.get("/api/v1/admin/clock", api.token("admin")).json();
            assertThat(clock.getString("offset")).isEqualTo("PT2H");
            assertThat(java.time.Instant.parse(clock.getString("now")))
                    .isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(110)));
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        Api.Reply reply = api.send(api.request("/openapi").header("Accept", "application/json").GET());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getJsonObject("paths").keySet()).contains("/api/v1/auth/token", "/api/v1/me");
    }

    /**
     * Request bodies are the services' own command records, described from the EJB module: their schemas are there
     * with their rules, and no two records share a name (a generator resolves a clash as "NewOrder1").
     */
    @Test
    void openApiSchemasAreTheCommandRecordsUnderDistinctNames() {
        JsonObject schemas = api.send(api.request("/openapi").header("Accept", "application/json").GET()).json()
                .getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.keySet()).noneMatch(name -> name.matches(".*\\d$"));
        JsonObject booking = schemas.getJsonObject("NewBooking");
        assertThat(booking.getJsonArray("required").toString()).contains("slotId", "visitors", "trip");
        assertThat(booking.getJsonObject("properties").getJsonObject("visitors").getInt("maxItems")).isEqualTo(10);
        assertThat(schemas.getJsonObject("Trip").getJsonObject("properties").getJsonObject("days").getInt("maximum"))
                .isEqualTo(30);
    }

    @Test
    void readinessChecksTheDatabase() {
        Api.Reply ready = api.get("/api/v1/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(ready.body()).contains("{\"name\":\"database\",\"status\":\"UP\"}");
        assertThat(api.get("/api/v1/health/live").status()).isEqualTo(200);
    }

    @Test
    void serverProbesOnTheManagementPortSeeTheDeployment() {
        Api management = new Api("http://localhost:" + Integer.getInteger("it.management.port"));
        Api.Reply ready = management.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"carbonsink.ear\":\"OK\"");
    }

    @Test
    void protectedPageSendsAnonymousVisitorsToLogin() {
        Api.Reply reply = api.get("/admin/index.xhtml");
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location").orElseThrow()).contains("/login.xhtml?next=");
    }

    @Test
    void unknownPageShowsTheChineseErrorPage() {
        Api.Reply reply = api.get("/no-such-page.xhtml");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("页面不存在");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        Api.Reply login = api.get("/login.xhtml");
        assertThat(login.status()).isEqualTo(200);
        String cookie = login.header("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("JSESSIONID").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(login.body()).contains("jakarta.faces.ViewState");
    }

    /** A forged cross-site form post carries no valid view state: it logs nobody in and says the page expired. */
    @Test
    void loginFormPostWithoutAValidViewStateLogsNobodyIn() {
        String form = "login=login&login%3Ausername=admin&login%3Apassword=Demo%232026&login%3Asubmit=x"
                + "&jakarta.faces.ViewState=-1234567890%3A987654321";
        Api.Reply reply = api.send(api.request("/login.xhtml").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(reply.status()).isNotEqualTo(302);
        assertThat(reply.body()).contains("页面已过期").doesNotContain("nav:logout");
    }

    @Test
    void requestWithoutBodyIsRefusedAsProblem() {
        Api.Reply reply = api.send(api.request("/api/v1/auth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
