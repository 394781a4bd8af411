package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What administrators do to accounts, against the real server: a disabled account's tokens and browser sessions
 * are refused at once, new roles apply at once, a forced reset replaces the password with one shown once; an
 * administrator cannot lock themself out; citizens are listed masked; every change is in the audit trail.
 */
@ServerIT
class AccountAdminIT {

    private static final String PASSWORD = "Forest#Staff-26";
    private final Api api = Api.server();

    private String staff(String role, String organisation) {
        String username = "staff" + UUID.randomUUID().toString().substring(0, 8);
        var body = Json.createObjectBuilder().add("username", username).add("password", PASSWORD)
                .add("roles", Json.createArrayBuilder().add(role));
        if (organisation != null) {
            body.add("organisation", organisation);
        }
        Api.Reply created = api.postJson("/api/v1/admin/accounts", body.build().toString(), api.token("admin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }

    private Api.Reply post(String path, String token) {
        return api.postJson(path, "", token);
    }

    private Api.Reply login(String username, String password) {
        return api.postJson("/api/v1/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
    }

    @Test
    void aDisabledAccountsTokensAndSessionsAreRefusedAtOnceAndComeBackOnlyBySigningInAgain() {
        String username = staff("OFFICER", null);
        String token = api.login(username, PASSWORD);
        AccessMatrixIT.PageSession browser = new AccessMatrixIT.PageSession(api.baseUrl(), username, PASSWORD);
        assertThat(browser.get("/officer/projects.xhtml").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);

        Api.Reply disabled = post("/api/v1/admin/accounts/" + username + "/disabling", api.token("admin"));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("enabled")).isFalse();
        assertThat(api.get("/api/v1/me", token).status()).as("the token, at once").isEqualTo(401);
        assertThat(browser.get("/officer/projects.xhtml").statusCode()).as("the session, at once: to the login page")
                .isEqualTo(302);
        assertThat(login(username, PASSWORD).status()).isEqualTo(401);

        assertThat(post("/api/v1/admin/accounts/" + username + "/enabling", api.token("admin")).json()
                .getBoolean("enabled")).isTrue();
        assertThat(api.get("/api/v1/me", token).status()).as("a revoked token stays revoked").isEqualTo(401);
        assertThat(api.get("/api/v1/me", api.login(username, PASSWORD)).status()).isEqualTo(200);

        String trail = api.get("/api/v1/admin/audit-trail?who=" + username, api.token("admin")).body();
        assertThat(trail).contains("ACCOUNT_CREATED", "ACCOUNT_DISABLED", "ACCOUNT_ENABLED", "\"actor\":\"admin\"");
    }

    @Test
    void newRolesApplyAtOnceAndAForcedResetGivesATemporaryPasswordOnce() {
        String username = staff("OFFICER", null);
        String token = api.login(username, PASSWORD);
        Api.Reply refused = api.send(Api.authorized(api.request("/api/v1/admin/accounts/" + username + "/roles")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"roles\":[\"SITE_MANAGER\"]}")), api.token("admin")));
        assertThat(ErrorsIT.problem(refused, 422).getString("type")).endsWith("/organisation-mismatch");
        assertThat(api.get("/api/v1/me", token).status()).as("a refused change changes nothing").isEqualTo(200);

        Api.Reply changed = api.send(Api.authorized(api.request("/api/v1/admin/accounts/" + username + "/roles")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"roles\":[\"SITE_MANAGER\"],\"organisation\":\"SITE-MDS\"}")), api.token("admin")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().getJsonArray("roles").getString(0)).isEqualTo("SITE_MANAGER");
        assertThat(api.get("/api/v1/me", token).status()).as("the officer's token is gone").isEqualTo(401);
        String manager = api.login(username, PASSWORD);
        assertThat(api.postJson("/api/v1/sites", "{}", manager).status()).as("no longer an officer").isEqualTo(403);

        Api.Reply reset = post("/api/v1/admin/accounts/" + username + "/password-reset", api.token("admin"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        String temporary = reset.json().getString("password");
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(15);
        assertThat(api.get("/api/v1/me", manager).status()).isEqualTo(401);
        assertThat(login(username, PASSWORD).status()).isEqualTo(401);
        assertThat(login(username, temporary).status()).isEqualTo(200);
        String trail = api.get("/api/v1/admin/audit-trail?who=" + username, api.token("admin")).body();
        assertThat(trail).contains("ROLES_CHANGED", "PASSWORD_RESET").doesNotContain(temporary);

        // A citizen's account gets no roles and no password from an administrator.
        assertThat(ErrorsIT.problem(post("/api/v1/admin/accounts/citizen/password-reset", api.token("admin")), 422)
                .getString("type")).endsWith("/citizen-account");
    }

    @Test
    void anAdministratorAddsACourtAndItsClerk() {
        String code = "COURT-" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
        String court = Json.createObjectBuilder().add("code", code).add("kind", "COURT").add("nameZh", "荥经县人民法院")
                .add("nameEn", "Yingjing County People's Court").build().toString();
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/admin/organisations", court.replace(code, "court 1"),
                api.token("admin")), 400).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
        Api.Reply created = api.postJson("/api/v1/admin/organisations", court, api.token("admin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/admin/organisations", court, api.token("admin")), 409)
                .getString("type")).endsWith("/organisation-exists");
        String clerk = staff("COURT", code);
        assertThat(api.get("/api/v1/restoration-orders", api.login(clerk, PASSWORD)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/audit-trail?who=org:" + code, api.token("admin")).body())
                .contains("ORGANISATION_CREATED");
    }

    @Test
    void anAdministratorCannotLockThemselfOut() {
        String admin = api.login("admin", Api.DEMO_PASSWORD);
        assertThat(ErrorsIT.problem(post("/api/v1/admin/accounts/admin/disabling", admin), 422).getString("type"))
                .endsWith("/own-account");
        Api.Reply demote = api.send(Api.authorized(api.request("/api/v1/admin/accounts/admin/roles")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"roles\":[\"OFFICER\"]}")), admin));
        assertThat(ErrorsIT.problem(demote, 422).getString("type")).endsWith("/own-account");
        assertThat(api.get("/api/v1/admin/accounts", admin).status()).isEqualTo(200);
    }

    @Test
    void citizensAreListedMaskedAndStaffWithTheirRoles() {
        JsonObject first = api.get("/api/v1/admin/accounts", api.token("admin")).jsonArray().stream()
                .map(v -> v.asJsonObject()).filter(a -> a.getString("username").equals("manager")).findFirst().orElseThrow();
        assertThat(first.getJsonArray("roles").getString(0)).isEqualTo("SITE_MANAGER");
        assertThat(first.getString("organisation")).isEqualTo("SITE-BFX");

        String citizens = api.get("/api/v1/admin/citizens", api.token("admin")).body();
        assertThat(citizens).contains("511802********0019", "138****8000")
                .doesNotContain("511802199005120019", "13800138000", "张三");
        assertThat(api.get("/api/v1/admin/citizens?page=x", api.token("admin")).status()).isEqualTo(400);
    }

    @Test
    void siteChangesAreInTheAuditTrailWithTheirActor() {
        String code = SiteAdminIT.newSiteCode();
        assertThat(api.postJson("/api/v1/sites", SiteAdminIT.newSite(code).toString(), api.token("officer")).status())
                .isEqualTo(201);
        var records = api.get("/api/v1/admin/audit-trail?who=site:" + code, api.token("admin")).jsonArray();
        assertThat(records).hasSize(1);
        assertThat(records.getJsonObject(0).getString("actor")).isEqualTo("officer");
        assertThat(records.getJsonObject(0).getString("action")).isEqualTo("SITE_CREATED");
        assertThat(records.getJsonObject(0).getString("at")).isNotBlank();
    }
}
