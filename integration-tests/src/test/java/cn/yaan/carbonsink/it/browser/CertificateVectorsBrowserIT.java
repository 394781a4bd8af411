package cn.yaan.carbonsink.it.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verify page's own JavaScript verifier (resources/js/verify.js, WebCrypto Ed25519 in Chromium) over the shared
 * test vectors of docs/certificate-test-vectors.json, which the server's verifier passes too
 * (CertificateTestVectorsTest): both verifiers give every vector the same verdict, accept the same revocation lists
 * and say the same about a list's age.
 */
class CertificateVectorsBrowserIT extends BrowserTest {

    private static final Path VECTORS = Path.of("..", "docs", "certificate-test-vectors.json");

    /** Runs every vector in the page's module; answers one result object per vector, and per list vector. */
    private static final String RUN = """
            const file = JSON.parse(arguments[0]);
            const done = arguments[arguments.length - 1];
            import('/resources/js/verify.js').then(async m => {
                const keys = file.keys;
                const accept = name => name ? m.acceptList(keys, file.revocationLists[name], null) : Promise.resolve(null);
                const vectors = [];
                for (const v of file.vectors) {
                    const r = await m.verifyWith(v.scanned, { keys, list: await accept(v.list), now: Date.parse(file.now),
                        maxAgeMs: file.maxAgeHours * 3600000, publicUrl: file.publicUrl });
                    const p = r.payload;
                    vectors.push({ name: v.name, status: r.status, foreignOrigin: r.foreignOrigin,
                        keyId: p ? p.keyId : null, kind: p ? p.kind : null, number: p ? p.number : null,
                        issuedOn: p ? p.issuedOn : null, quantityKg: p ? String(p.quantityKg) : null,
                        holder: p ? p.holder : null, revokedAt: r.revokedAt ?? null, reason: r.reason ?? null,
                        stale: 'stale' in r ? r.stale : null, listGeneratedAt: 'stale' in r ? r.listGeneratedAt : null });
                }
                const lists = [];
                for (const lv of file.listVectors) {
                    const held = await accept(lv.held);
                    const accepted = await m.acceptList(keys, file.revocationLists[lv.list], held);
                    lists.push({ name: lv.name, held: lv.held === null || held !== null, accepted: accepted !== null });
                }
                return JSON.stringify({ vectors, lists });
            }).then(done, e => done(JSON.stringify({ error: String(e && e.stack || e) })));
            """;

    @Test
    void thePagesVerifierGivesEveryVectorItsVerdict() throws Exception {
        assertEveryVectorGetsItsVerdict(open(Browser.Size.PHONE, "zh-CN"));
    }

    /** Runs the vectors in the verify page of {@code phone} and compares each result with the file's. */
    static void assertEveryVectorGetsItsVerdict(Browser phone) throws Exception {
        String text = Files.readString(VECTORS, StandardCharsets.UTF_8);
        JsonObject file = read(text);
        phone.open("/v/R-2026-7K3M-Q9XP-J");
        phone.find("verdict");
        phone.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object answer = ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeAsyncScript(RUN, text);
        JsonObject results = read((String) answer);
        assertThat(results.containsKey("error")).as(String.valueOf(results.get("error"))).isFalse();

        Map<String, JsonObject> byName = results.getJsonArray("vectors").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(r -> r.getString("name"), Function.identity()));
        List<JsonObject> vectors = file.getJsonArray("vectors").getValuesAs(JsonObject.class);
        assertThat(byName).hasSize(vectors.size());
        for (JsonObject v : vectors) {
            String name = v.getString("name");
            JsonObject expected = v.getJsonObject("expected");
            JsonObject actual = byName.get(name);
            assertThat(actual.getString("status")).as(name).isEqualTo(expected.getString("status"));
            assertThat(actual.getBoolean("foreignOrigin")).as(name + ": foreignOrigin")
                    .isEqualTo(expected.getBoolean("foreignOrigin"));
            for (String field : List.of("keyId", "kind", "number", "issuedOn", "quantityKg", "holder", "revokedAt",
                    "reason", "listGeneratedAt")) {
                assertThat(stringOrNull(actual, field)).as(name + ": " + field).isEqualTo(stringOrNull(expected, field));
            }
            JsonValue stale = expected.containsKey("stale") ? expected.get("stale") : JsonValue.NULL;
            assertThat(actual.get("stale")).as(name + ": stale").isEqualTo(stale);
        }
        for (JsonObject lv : results.getJsonArray("lists").getValuesAs(JsonObject.class)) {
            JsonObject expected = file.getJsonArray("listVectors").getValuesAs(JsonObject.class).stream()
                    .filter(e -> e.getString("name").equals(lv.getString("name"))).findFirst().orElseThrow();
            assertThat(lv.getBoolean("held")).as(lv.getString("name") + ": the held list").isTrue();
            assertThat(lv.getBoolean("accepted")).as(lv.getString("name")).isEqualTo(expected.getBoolean("accepted"));
        }
        assertThat(results.getJsonArray("lists")).hasSize(file.getJsonArray("listVectors").size());
    }

    /**
     * The page merges a DELTA list onto the FULL list it holds (docs/CERTIFICATES.md): the vectors' DELTA onto a
     * FULL list generated after its since, never onto one generated before it (a gap); and on the server, a
     * revocation made after the page fetched its list arrives with the next refresh, by a DELTA request.
     */
    @Test
    void theVerifierMergesADeltaListOntoTheFullListItHolds() throws Exception {
        String text = Files.readString(VECTORS, StandardCharsets.UTF_8);
        String genuine = CertificateBrowserIT.purchase(cn.yaan.carbonsink.it.Api.server(), "雅安茶业有限公司");
        String number = genuine.substring(3, genuine.indexOf('#'));
        Browser phone = open(Browser.Size.PHONE, "zh-CN");
        phone.open(genuine);
        phone.waitForText("verdict-text", "证书有效");
        new org.openqa.selenium.support.ui.WebDriverWait(phone.driver(), Duration.ofSeconds(15)).until(d -> Boolean.TRUE
                .equals(phone.script("return !!localStorage.getItem('carbonsink.revocations');")));
        phone.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        JsonObject vectors = read((String) ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeAsyncScript("""
                const file = JSON.parse(arguments[0]);
                const done = arguments[arguments.length - 1];
                import('/resources/js/verify.js').then(async m => {
                    const lists = file.revocationLists;
                    const merged = {};
                    for (const held of ['empty', 'fresh', 'stale']) {
                        const r = await m.mergeDelta(file.keys, lists.delta, await m.acceptList(file.keys, lists[held], null));
                        merged[held] = r ? r.sequence + ' ' + r.generatedAt + ' ' + r.entries.map(e => e.number).join(',') : null;
                    }
                    const tampered = { ...lists.delta, text: lists.delta.text.replace('R-2026-N8BT-4WQF-8', 'D-2026-4D7R-H2KN-D') };
                    merged.tampered = await m.mergeDelta(file.keys, tampered, await m.acceptList(file.keys, lists.empty, null));
                    return JSON.stringify(merged);
                }).then(done, e => done(JSON.stringify({ error: String(e && e.stack || e) })));
                """, text));
        assertThat(vectors.containsKey("error")).as(String.valueOf(vectors.get("error"))).isFalse();
        assertThat(vectors.getString("empty")).isEqualTo("1 2026-11-25T11:55:00.000Z R-2026-N8BT-4WQF-8");
        assertThat(vectors.getString("fresh")).as("an entry in both counts once")
                .isEqualTo("1 2026-11-25T11:55:00.000Z R-2026-N8BT-4WQF-8");
        assertThat(vectors.isNull("stale")).as("a DELTA since after the held list was generated leaves a gap").isTrue();
        assertThat(vectors.isNull("tampered")).as("a DELTA whose signature fails").isTrue();

        cn.yaan.carbonsink.it.Api api = cn.yaan.carbonsink.it.Api.server();
        assertThat(api.postJson("/api/v1/certificates/" + number + "/revocation", "{\"reason\":\"增量名单测试\"}",
                api.token("admin")).status()).isEqualTo(200);
        Object held = ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/resources/js/verify.js').then(m => m.refresh('/api/v1'))
                    .then(() => done(localStorage.getItem('carbonsink.revocations')), e => done('error ' + e));
                """);
        assertThat((String) held).contains(number, "增量名单测试");
        assertThat(phone.script("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/api/v1/public/revocations?since='));"))
                .as("the update came as a DELTA list").isEqualTo(true);
        assertClean(phone);
        ((org.openqa.selenium.chrome.ChromeDriver) phone.driver()).setNetworkConditions(CertificateBrowserIT.offline());
        CertificateBrowserIT.goTo(phone, genuine + "&");
        CertificateBrowserIT.goTo(phone, genuine);
        phone.waitForText("verdict-text", "证书已撤销");
        assertThat(phone.text("verdict-how")).contains("无网络", "增量名单测试");
    }

    private static JsonObject read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String stringOrNull(JsonObject o, String field) {
        return !o.containsKey(field) || o.isNull(field) ? null : o.getString(field);
    }
}
