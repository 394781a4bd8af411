package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against every state-changing endpoint the server has (read from its OpenAPI document, so new endpoints
 * are covered without being listed): malformed JSON, wrong types, missing and unknown fields, empty and huge
 * strings, negative, zero and overflowing numbers, invalid UTF-8, script and SQL fragments, wrong content types,
 * bodies over 1 MiB, hostile path parameters. Every answer must be a 4xx problem, and the database must be exactly
 * as it was before.
 */
@ServerIT
class BadInputIT {

    private static final Logger LOG = Logger.getLogger(BadInputIT.class.getName());
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String SQL = "' OR 1=1; DROP TABLE account; --";

    /**
     * Endpoints that judge any text they are given (a scanned QR code may hold anything): a well-formed request
     * whose text is garbage gets a 200 verdict, MALFORMED, and changes nothing; malformed requests still get 4xx.
     */
    private static final Map<String, String> VERDICT_ENDPOINTS = Map.of(
            "POST /api/v1/public/verifications", "{\"status\":\"MALFORMED\"}");

    private final Api api = Api.server();

    record Case(String name, String contentType, byte[] body) {
        static Case json(String name, String json) {
            return new Case(name, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyBadRequestIsRefusedWithAProblemAndChangesNothing() {
        OpenApi openApi = OpenApi.of(api);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (OpenApi.Endpoint endpoint : openApi.endpoints()) {
            if (!endpoint.changesState()) {
                continue;
            }
            AccessMatrixIT.Access access = AccessMatrixIT.MATRIX.get(endpoint.key());
            assertThat(access).as("access rule for " + endpoint.key()).isNotNull();
            if (access.revokesToken()) {
                continue; // takes no body; its access is proven by the matrix
            }
            String token = tokenFor(access);
            Map<String, String> before = DatabaseFingerprint.take();
            for (Case c : cases(endpoint, openApi)) {
                sent++;
                check(endpoint, endpoint.concretePath("NO-SUCH-1"), c, token, wrong);
            }
            if (endpoint.path().contains("{")) {
                for (String hostile : List.of("%27%3B%20DROP%20TABLE%20account%3B--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                        "..%2F..%2Fetc%2Fpasswd", "9".repeat(40))) {
                    sent++;
                    check(endpoint, endpoint.concretePath(hostile), Case.json("hostile path parameter", "{}"), token, wrong);
                }
            }
            assertThat(DatabaseFingerprint.take()).as("database after bad input to " + endpoint.key()).isEqualTo(before);
        }
        LOG.info("Bad-input suite sent " + sent + " requests");
        assertThat(sent).isGreaterThan(50);
        assertThat(wrong).as("bad requests that were not answered with a 4xx problem").isEmpty();
    }

    private void check(OpenApi.Endpoint endpoint, String path, Case c, String token, List<String> wrong) {
        HttpRequest.Builder request = api.request(path).header("Content-Type", c.contentType())
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        request.header("Idempotency-Key", "bad-input-" + System.nanoTime());
        Api.Reply reply = api.send(Api.authorized(request, token));
        boolean problem = reply.contentType().startsWith("application/problem+json");
        String verdict = VERDICT_ENDPOINTS.get(endpoint.key());
        if (verdict != null && reply.status() == 200 && reply.body().equals(verdict)) {
            return;
        }
        if (reply.status() < 400 || reply.status() >= 500 || !problem) {
            wrong.add(endpoint.key() + " [" + c.name() + "] -> " + reply);
        }
    }

    /** A token of the first demo caller the matrix lets through (anonymous for public endpoints). */
    private String tokenFor(AccessMatrixIT.Access access) {
        for (Caller caller : Caller.values()) {
            if (access.expected().get(caller) == AccessMatrixIT.PASS) {
                return caller.username == null ? null : api.token(caller.username);
            }
        }
        throw new AssertionError("Nobody may call this endpoint");
    }

    static List<Case> cases(OpenApi.Endpoint endpoint, OpenApi openApi) {
        List<Case> cases = new ArrayList<>();
        cases.add(Case.json("malformed JSON", "{\"a\": "));
        cases.add(Case.json("truncated JSON", "{\"username\": \"x"));
        cases.add(Case.json("array instead of object", "[1, 2, 3]"));
        cases.add(Case.json("JSON null", "null"));
        cases.add(Case.json("bare string", "\"hello\""));
        cases.add(Case.json("empty body", ""));
        cases.add(Case.json("unknown field", "{\"unexpectedField\": true}"));
        cases.add(new Case("invalid UTF-8", "application/json",
                new byte[]{'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}));
        cases.add(new Case("text/plain", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("XML", "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8)));
        cases.add(Case.json("over 1 MiB", "{\"x\": \"" + "a".repeat(1024 * 1024 + 100) + "\"}"));
        endpoint.jsonBodySchema(openApi).ifPresent(schema -> {
            if (schema.containsKey("required") && !schema.getJsonArray("required").isEmpty()) {
                cases.add(Case.json("missing required fields", "{}"));
            }
            JsonObject properties = schema.getJsonObject("properties");
            if (properties == null) {
                return;
            }
            for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
                String name = property.getKey();
                String type = openApi.resolve(property.getValue().asJsonObject()).getString("type", "object");
                for (Map.Entry<String, String> value : values(type).entrySet()) {
                    cases.add(Case.json(name + ": " + value.getKey(), "{\"" + name + "\": " + value.getValue() + "}"));
                }
            }
        });
        return cases;
    }

    /** Bad values for a field of the given JSON type, each alone in a body that lacks the other fields. */
    private static Map<String, String> values(String type) {
        String huge = "\"" + "x".repeat(100_000) + "\"";
        return switch (type) {
            case "string" -> Map.of("wrong type (object)", "{\"nested\": 1}", "empty string", "\"\"",
                    "huge string", huge, "script", quote(SCRIPT), "SQL", quote(SQL), "control characters", "\"\\u0000\\u0007\"");
            case "integer", "number" -> Map.of("wrong type (string)", "\"abc\"", "negative", "-1", "zero", "0",
                    "overflow", "99999999999999999999999999", "huge exponent", "1e400", "fraction", "0.5");
            case "array" -> Map.of("wrong type (string)", "\"not-an-array\"", "array of nulls", "[null, null]",
                    "array of scripts", "[" + quote(SCRIPT) + "]");
            case "boolean" -> Map.of("wrong type (string)", "\"yes\"");
            default -> Map.of("wrong type (number)", "42", "script", quote(SCRIPT));
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
