package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers of every page (as the audience it is for sees it) and of a sample of API answers: a
 * Content-Security-Policy that lets no inline script run (each page's scripts carry the page's nonce, no event
 * handler attributes), frames nothing, loads no plugins; nosniff; a referrer policy; no-store wherever personal
 * data is answered; HSTS only over HTTPS.
 */
@ServerIT
class SecurityHeadersIT {

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");

    private final Api api = Api.server();

    @Test
    void everyPageRunsOnlyScriptsCarryingItsNonceAndCannotBeFramed() {
        SitePages.byAudience(api).forEach((username, paths) -> {
            WebSession session = username.isEmpty() ? null : WebSession.login(api, username, Api.DEMO_PASSWORD);
            for (String path : paths) {
                Api.Reply page = session == null ? api.get(path) : session.get(path);
                assertThat(page.status()).as(username + " " + path).isEqualTo(200);
                assertPagePolicy(page, path);
                assertThat(page.header("Cache-Control").orElse(""))
                        .as(path + " caching").contains(session == null ? "" : "no-store");
            }
        });
        Api.Reply missing = api.get("/no-such-page.xhtml");
        assertThat(missing.status()).isEqualTo(404);
        assertPagePolicy(missing, "the 404 page");
    }

    static void assertPagePolicy(Api.Reply page, String path) {
        List<String> policies = page.response().headers().allValues("Content-Security-Policy");
        String all = String.join("; ", policies);
        assertThat(all).as(path).contains("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
                "form-action 'self'");
        String scripts = policies.stream().filter(p -> p.contains("script-src")).findFirst()
                .orElseThrow(() -> new AssertionError(path + ": no script-src in " + policies));
        assertThat(scripts).as(path).contains("script-src 'self' 'nonce-").doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        Matcher nonce = NONCE.matcher(scripts);
        assertThat(nonce.find()).isTrue();
        Matcher tag = SCRIPT_TAG.matcher(page.body());
        while (tag.find()) {
            assertThat(tag.group()).as(path + ": a script without the page's nonce")
                    .satisfiesAnyOf(t -> assertThat(t).contains("nonce=\"" + nonce.group(1) + "\""),
                            t -> assertThat(t).contains(" src=\""));
        }
        assertThat(HANDLER.matcher(page.body()).find()).as(path + ": an inline event handler").isFalse();
        assertThat(page.body()).as(path).doesNotContain("javascript:");
        assertThat(page.header("X-Content-Type-Options")).as(path).contains("nosniff");
        assertThat(page.header("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
        assertThat(page.header("Strict-Transport-Security")).as(path + " over plain HTTP").isEmpty();
    }

    @Test
    void apiAnswersWithPersonalDataAreNeverStored() {
        String year = String.valueOf(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
        Map<String, List<String>> personal = Map.of(
                "citizen", List.of("/api/v1/me", "/api/v1/me/citizen", "/api/v1/me/bookings", "/api/v1/orders",
                        "/api/v1/me/obligations/" + year, "/api/v1/me/attendance-qr"),
                "court", List.of("/api/v1/restoration-orders"),
                "gate", List.of("/api/v1/site/offline-data"));
        personal.forEach((username, paths) -> {
            for (String path : paths) {
                Api.Reply reply = api.get(path, api.token(username));
                assertThat(reply.status()).as(path).isEqualTo(200);
                assertThat(reply.header("Cache-Control")).as(path).contains("no-store");
                assertApiPolicy(reply, path);
            }
        });
        Api.Reply token = api.postJson("/api/v1/auth/token", "{\"username\":\"citizen\",\"password\":\""
                + Api.DEMO_PASSWORD + "\"}");
        assertThat(token.header("Cache-Control")).as("a fresh token").contains("no-store");
        Api.Reply refused = api.get("/api/v1/me/citizen");
        assertThat(refused.status()).isEqualTo(401);
        assertApiPolicy(refused, "a refusal");

        for (String path : List.of("/api/v1/public/sink-projects", "/api/v1/public/retirements", "/api/v1/health/ready")) {
            Api.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.header("Cache-Control").orElse("")).as(path + ": public data may be cached")
                    .doesNotContain("no-store");
            assertApiPolicy(reply, path);
        }
    }

    private static void assertApiPolicy(Api.Reply reply, String path) {
        assertThat(reply.header("Content-Security-Policy")).as(path)
                .contains("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        assertThat(reply.header("X-Content-Type-Options")).as(path).contains("nosniff");
        assertThat(reply.header("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
    }

    @Test
    void strictTransportSecurityOnlyWhenTheRequestCameOverHttps() {
        for (String path : List.of("/", "/api/v1/public/sink-projects")) {
            assertThat(api.get(path).header("Strict-Transport-Security")).as(path).isEmpty();
            // The test server believes its loopback proxy (CARBONSINK_TRUSTED_PROXIES=127.0.0.1).
            Api.Reply proxied = api.send(api.request(path).header("X-Forwarded-Proto", "https").GET());
            assertThat(proxied.header("Strict-Transport-Security")).as(path).contains("max-age=31536000");
        }
    }
}
