package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a slow phone is spared: text answers travel gzip-compressed to clients that accept it, the site's scripts and
 * styles are addressed by a version of their content and kept a year without a second request, and pages are never
 * cached (docs/PAGES.md has the resulting weights).
 */
@ServerIT
class CompressionAndCachingIT {

    private static final Pattern STYLESHEET = Pattern.compile("href=\"(/jakarta\\.faces\\.resource/css/app\\.css\\.xhtml\\?v=([0-9a-f]+))\"");
    private static final Pattern GATE_SCRIPT = Pattern.compile("src=\"(/resources/js/gate\\.js\\?v=([0-9a-f]+))\"");
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    private final Api api = Api.server();

    @Test
    void pagesStylesAndScriptsAreCompressedForClientsThatAcceptIt() {
        Api.Reply page = gzip("/login.xhtml");
        assertThat(page.header("Content-Encoding")).as("the login page").contains("gzip");
        assertThat(page.header("Vary").orElse("")).contains("Accept-Encoding");
        String html = gunzip(page.bytes());
        assertThat(html).contains("id=\"login:username\"");
        assertThat(page.bytes().length).as("compressed").isLessThan(html.getBytes(StandardCharsets.UTF_8).length / 2);

        Matcher stylesheet = STYLESHEET.matcher(html);
        assertThat(stylesheet.find()).as("a versioned stylesheet in " + html).isTrue();
        assertThat(gzip(stylesheet.group(1)).header("Content-Encoding")).as("app.css").contains("gzip");

        Api.Reply script = gzip(gateScript().group(1));
        assertThat(script.header("Content-Encoding")).as("gate.js").contains("gzip");
        assertThat(gunzip(script.bytes())).contains("import");

        Api.Reply plain = api.get("/login.xhtml");
        assertThat(plain.header("Content-Encoding")).as("a client that did not ask for gzip").isEmpty();
        assertThat(plain.body()).contains("id=\"login:username\"");
    }

    /**
     * A page sent to a session carries that session's CSRF token beside text the request chose (a query parameter, a
     * form value): compressed, its length would leak the token a byte at a time to someone who can watch the sizes
     * (BREACH). Pages are compressed only for a request without a session, which holds no secret yet.
     */
    @Test
    void pagesOfASessionTravelUncompressedSoTheirLengthCannotBetrayItsToken() {
        WebSession session = WebSession.login(api, "citizen", Api.DEMO_PASSWORD);
        Api.Reply page = api.send(session.request("/account/mine.xhtml").header("Accept-Encoding", "gzip").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(session.csrfToken());
        assertThat(page.header("Content-Encoding")).as("a page of a session").isEmpty();

        Api.Reply json = api.send(session.request("/api/v1/public/species").header("Accept-Encoding", "gzip").GET());
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Encoding")).as("JSON holds no session secret").contains("gzip");
    }

    /**
     * Public data is read conditionally: every answer has a weak tag and says how long it may be kept; sending the tag
     * back gets 304 without a body (compressed or not, the tag is the same), a tag of something else gets the data.
     */
    @Test
    void publicReadsAnswer304ToTheTagTheClientHolds() {
        for (String path : List.of("/api/v1/public/species", "/api/v1/public/travel-factors", "/api/v1/public/keys",
                "/api/v1/public/sink-projects")) {
            Api.Reply first = api.get(path);
            assertThat(first.status()).as(path).isEqualTo(200);
            String tag = first.header("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
            assertThat(tag).as(path).matches("W/\"[0-9a-f]{32}\"");
            assertThat(first.header("Cache-Control").orElse("")).as(path).startsWith("public");

            Api.Reply compressed = api.send(api.request(path).header("Accept-Encoding", "gzip").GET());
            assertThat(compressed.header("ETag")).as(path + " compressed").contains(tag);

            for (String ifNoneMatch : List.of(tag, tag.substring(2), "W/\"other\", " + tag, "*")) {
                Api.Reply again = api.send(api.request(path).header("If-None-Match", ifNoneMatch).GET());
                assertThat(again.status()).as(path + " with " + ifNoneMatch).isEqualTo(304);
                assertThat(again.bytes()).as(path).isEmpty();
                assertThat(again.header("ETag")).as(path).contains(tag);
            }
            Api.Reply other = api.send(api.request(path).header("If-None-Match", "W/\"0123\"").GET());
            assertThat(other.status()).as(path).isEqualTo(200);
            assertThat(other.bytes()).isEqualTo(first.bytes());
        }
        assertThat(api.get("/api/v1/public/species").header("Cache-Control")).contains("public, max-age=60");
        assertThat(api.get("/api/v1/public/keys").header("Cache-Control")).as("keys are never taken stale")
                .contains("public, no-cache");
    }

    @Test
    void versionedStylesAndScriptsAreKeptAYearAndChangeAddressWithTheirContent() {
        Matcher stylesheet = STYLESHEET.matcher(api.get("/login.xhtml").body());
        assertThat(stylesheet.find()).isTrue();
        Api.Reply css = api.get(stylesheet.group(1));
        assertThat(css.status()).isEqualTo(200);
        assertImmutable(css, "app.css");
        assertThat(sha256(css.bytes())).as("the version is the start of the content's SHA-256").startsWith(stylesheet.group(2));

        Matcher gate = gateScript();
        Api.Reply script = api.get(gate.group(1));
        assertThat(script.status()).isEqualTo(200);
        assertImmutable(script, "gate.js");
        assertThat(sha256(script.bytes())).startsWith(gate.group(2));

        assertThat(api.get("/resources/js/gate.js").header("Cache-Control"))
                .as("an address without a version is checked each time").contains("no-cache");
        assertThat(api.get("/login.xhtml").header("Cache-Control")).as("a public page").contains("no-cache");
    }

    private Matcher gateScript() {
        String scan = WebSession.login(api, "gate", Api.DEMO_PASSWORD).get("/site/scan.xhtml").body();
        Matcher gate = GATE_SCRIPT.matcher(scan);
        assertThat(gate.find()).as("a versioned module script in " + scan).isTrue();
        return gate;
    }

    private static void assertImmutable(Api.Reply reply, String what) {
        String cacheControl = reply.header("Cache-Control").orElse("");
        assertThat(cacheControl).as(what).contains("immutable").doesNotContain("no-cache");
        Matcher maxAge = MAX_AGE.matcher(cacheControl);
        assertThat(maxAge.find()).as(what + ": " + cacheControl).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).as(what + ": at least a year").isGreaterThanOrEqualTo(31_536_000L);
        assertThat(reply.header("Expires")).as(what + ": no shorter Expires beside it").isEmpty();
    }

    private Api.Reply gzip(String path) {
        Api.Reply reply = api.send(api.request(path).header("Accept-Encoding", "gzip").GET());
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply;
    }

    private static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
