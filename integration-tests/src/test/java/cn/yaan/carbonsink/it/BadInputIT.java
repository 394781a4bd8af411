package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.shared.HostileImages;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against every state-changing endpoint the server has, read from its OpenAPI document: an endpoint this
 * suite has no known-good request for fails it, so whoever adds an endpoint adds its request here. For each
 * endpoint the suite makes the real objects the request needs (a project with units, an order, a paid booking, a
 * restoration order with a planting, an event...), then sends its known-good request varied one thing at a time:
 * the body as a whole (malformed, wrong media type, over 1 MiB), each field (left out, wrong JSON type, out of its
 * range, absurd exponents, whole numbers as fractions or text, control and bidirectional characters, lone
 * surrogates, invisible-only and over-long text, floods of combining marks), hostile path parameters and, for the
 * image uploads, hostile images. Every variation must be a 400 problem naming the field (or 413, 415, 422 where
 * the API documents them) and leave the database exactly as it was; afterwards the known-good request itself must
 * be accepted, which proves the variations were refused for what they changed. Text that is allowed must be
 * accepted: a free-text field takes as many emoji as its limit in characters.
 */
@ServerIT
class BadInputIT {

    private static final Logger LOG = Logger.getLogger(BadInputIT.class.getName());
    private static final int YEAR = LocalDate.now(TestSites.CST).getYear();
    private static final Set<Integer> REFUSED = Set.of(400, 413, 415, 422);
    private static final Set<Integer> ANY_CLIENT_ERROR = Set.of(400, 401, 403, 404, 405, 409, 413, 415, 422);
    private static final String PLACEHOLDER = "__bad_value_placeholder__";
    private static final String EMOJI = "\uD83D\uDE00";
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern FRACTION_DIGITS = Pattern.compile("\\[\\.]\\\\d\\{1,(\\d+)}");
    private static final List<String> HOSTILE_PATH_VALUES = List.of("NO-SUCH-1", "%27%3B%20DROP%20TABLE%20account%3B--",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fetc%2Fpasswd", "9".repeat(40), "%00", "-1", "1.5",
            "%E2%80%AE", "%F0%9F%98%80");

    private static Map<String, byte[]> hostile;

    private final Api api = Api.server();
    private final Random random = new Random();
    private OpenApi openApi;
    private String project;

    // ---------------------------------------------------------------- what is sent

    /** A request the server accepts for one endpoint, against objects made for it. */
    record Good(String token, String method, String path, String contentType, byte[] body, int status,
                Map<String, String> headers) {
        Good(String token, String method, String path, String contentType, byte[] body, int status) {
            this(token, method, path, contentType, body, status, Map.of());
        }

        static Good json(String token, String method, String path, JsonObject body, int status) {
            return new Good(token, method, path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
                    status);
        }

        static Good empty(String token, String method, String path, int status) {
            return new Good(token, method, path, null, new byte[0], status);
        }

        JsonObject json() {
            return Json.createReader(new ByteArrayInputStream(body)).readObject();
        }
    }

    /** Makes fresh real objects and the known-good request against them. */
    @FunctionalInterface
    interface Fixture {
        Good make() throws Exception;
    }

    /** One variation and the answers it may get. */
    record Case(String name, String field, String path, String contentType, byte[] body, Map<String, String> headers,
                Set<Integer> statuses, boolean verdict) {
    }

    /** What the suite knows of an endpoint beyond its OpenAPI entry. */
    static final class Spec {
        final Fixture fixture;
        /** Text people type, by field, with its limit in characters: refused when invisible, accepted full of emoji. */
        final Map<String, Integer> freeText = new LinkedHashMap<>();
        /** Text refused when invisible whose objects are not the suite's to fill with emoji (reference data, sites). */
        final List<String> visibleOnly = new ArrayList<>();
        /** What a camera read: any characters, judged by the endpoint rather than refused. */
        final List<String> scanned = new ArrayList<>();
        final List<Function<Good, List<Case>>> extra = new ArrayList<>();
        /** The raw-body field of an image upload, with whether it takes GIF and BMP. */
        String imageField;
        boolean anyImageType;
        /** The fixture moves the server's clock: put it back afterwards. */
        boolean movesClock;

        Spec(Fixture fixture) {
            this.fixture = fixture;
        }

        Spec freeText(String field, int characters) {
            freeText.put(field, characters);
            return this;
        }

        Spec visibleOnly(String field) {
            visibleOnly.add(field);
            return this;
        }

        Spec scanned(String field) {
            scanned.add(field);
            return this;
        }

        Spec extra(Function<Good, List<Case>> cases) {
            extra.add(cases);
            return this;
        }

        Spec images(String field, boolean any) {
            imageField = field;
            anyImageType = any;
            return this;
        }

        Spec movingClock() {
            movesClock = true;
            return this;
        }
    }

    // ---------------------------------------------------------------- the test

    @Test
    void everyBadRequestIsRefusedWithAProblemNamingWhatIsWrongAndChangesNothing() throws Exception {
        openApi = OpenApi.of(api);
        Map<String, Spec> known = known();
        List<OpenApi.Endpoint> endpoints = openApi.endpoints().stream().filter(OpenApi.Endpoint::changesState).toList();
        assertThat(endpoints.stream().map(OpenApi.Endpoint::key).toList())
                .as("state-changing endpoints without a known-good request in this suite").isSubsetOf(known.keySet());
        assertThat(known.keySet()).as("known-good requests of endpoints the server no longer has")
                .isSubsetOf(endpoints.stream().map(OpenApi.Endpoint::key).toList());

        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (OpenApi.Endpoint endpoint : endpoints) {
            Spec spec = known.get(endpoint.key());
            try {
                sent += run(endpoint, spec, wrong);
            } finally {
                if (spec.movesClock) {
                    api.moveClock("PT0S");
                }
            }
        }
        LOG.info("Bad-input suite: " + sent + " requests to " + endpoints.size() + " endpoints");
        assertThat(wrong).as("answers that were not what the API promises for bad input").isEmpty();
    }

    /** The variations of one endpoint, the check that they changed nothing, then its good request and free text. */
    private int run(OpenApi.Endpoint endpoint, Spec spec, List<String> wrong) throws Exception {
        Good good = make(spec);
        List<Case> cases = cases(endpoint, spec, good);
        List<String> found = new ArrayList<>();
        Set<String> changed = sendAll(endpoint, good, cases, found);
        if (!changed.isEmpty()) {
            // The reservation-expiry and overdue jobs run every 10 s and may have changed rows of earlier tests
            // meanwhile: once they have, the same requests again must change nothing.
            Thread.sleep(11_000);
            found.clear();
            changed = sendAll(endpoint, good, cases, found);
            if (!changed.isEmpty()) {
                found.add(endpoint.key() + ": bad requests changed the tables " + changed);
            }
        }
        wrong.addAll(found);
        int sent = cases.size() + 1;
        Api.Reply accepted = send(good.token(), good.method(), good.path(), good.contentType(), good.body(), good.headers());
        if (accepted.status() != good.status()) {
            wrong.add(endpoint.key() + ": the known-good request was not accepted after the bad ones: " + accepted);
        }
        for (Map.Entry<String, Integer> text : spec.freeText.entrySet()) {
            Good fresh = make(spec);
            String full = "\"" + EMOJI.repeat(text.getValue()) + "\"";
            Api.Reply reply = send(fresh.token(), fresh.method(), fresh.path(), fresh.contentType(),
                    replaced(fresh.json(), path(text.getKey()), full), Map.of());
            sent++;
            if (reply.status() != fresh.status()) {
                wrong.add(endpoint.key() + " [" + text.getKey() + ": " + text.getValue() + " emoji, the limit] -> " + reply);
            }
        }
        return sent;
    }

    /** Sends the cases, noting the wrong answers; the tables whose rows changed meanwhile. */
    private Set<String> sendAll(OpenApi.Endpoint endpoint, Good good, List<Case> cases, List<String> found) {
        Map<String, String> before = DatabaseFingerprint.take();
        cases.forEach(c -> check(endpoint, good, c, found));
        Map<String, String> after = DatabaseFingerprint.take();
        Set<String> changed = new TreeSet<>(after.keySet());
        changed.removeIf(table -> after.get(table).equals(before.get(table)));
        return changed;
    }

    /** A fresh fixture; one that moves the clock starts from the real time, where cached tokens are valid. */
    private Good make(Spec spec) throws Exception {
        if (spec.movesClock) {
            api.moveClock("PT0S");
        }
        return spec.fixture.make();
    }

    private void check(OpenApi.Endpoint endpoint, Good good, Case c, List<String> wrong) {
        Api.Reply reply = send(good.token(), good.method(), c.path(), c.contentType(), c.body(), c.headers());
        String what = endpoint.key() + " [" + c.name() + "] -> " + reply;
        if (c.verdict() && reply.status() == 200) {
            return; // judged, and the fingerprint shows nothing was stored
        }
        if (!c.statuses().contains(reply.status()) || !reply.contentType().startsWith("application/problem+json")) {
            wrong.add(what);
            return;
        }
        if (reply.status() == 400 && c.field() != null && !names(reply.json(), c.field())) {
            wrong.add(what + " (does not name " + c.field() + ")");
        }
    }

    /** Whether the problem's errors name the field (list positions aside) or a part of it. */
    private static boolean names(JsonObject problem, String field) {
        String wanted = INDEX.matcher(field).replaceAll("");
        JsonArray errors = problem.getJsonArray("errors");
        if (errors == null) {
            return false;
        }
        for (JsonValue error : errors) {
            String named = INDEX.matcher(error.asJsonObject().getString("field")).replaceAll("");
            if (named.equals(wanted) || named.startsWith(wanted + ".")) {
                return true;
            }
        }
        return false;
    }

    private Api.Reply send(String token, String method, String path, String contentType, byte[] body,
                           Map<String, String> headers) {
        HttpRequest.Builder request = api.request(path)
                .method(method, body.length == 0 && contentType == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                // Every request from its own address, so no per-address limit (logins, registrations, image
                // verifications) answers for the input.
                .header("X-Forwarded-For", "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254)))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return api.send(Api.authorized(request, token));
    }

    // ---------------------------------------------------------------- the variations

    private List<Case> cases(OpenApi.Endpoint endpoint, Spec spec, Good good) throws IOException {
        List<Case> cases = new ArrayList<>();
        if (spec.imageField != null) {
            cases.addAll(images(spec, good));
        }
        JsonObject schema = endpoint.jsonBodySchema(openApi).orElse(null);
        if (schema != null) {
            cases.addAll(bodies(good));
            fields(cases, spec, good, good.json(), schema, List.of());
        }
        for (Function<Good, List<Case>> extra : spec.extra) {
            cases.addAll(extra.apply(good));
        }
        String[] template = endpoint.path().split("/");
        String[] concrete = good.path().split("\\?")[0].split("/");
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{")) {
                for (String hostile : HOSTILE_PATH_VALUES) {
                    String[] path = concrete.clone();
                    path[i] = hostile;
                    cases.add(new Case("path parameter " + template[i] + " = " + hostile, null, String.join("/", path),
                            good.contentType(), good.body(), Map.of(), ANY_CLIENT_ERROR, false));
                }
            }
        }
        return cases;
    }

    /** The body as a whole. */
    private List<Case> bodies(Good good) {
        String json = new String(good.body(), StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        for (String[] body : new String[][]{{"malformed JSON", "{\"a\": "}, {"truncated JSON", json.substring(0, json.length() / 2)},
                {"array instead of object", "[1, 2, 3]"}, {"JSON null", "null"}, {"bare string", "\"hello\""},
                {"empty body", ""}, {"over 1 MiB", "{\"pad\":\"" + "a".repeat(1024 * 1024 + 100) + "\"}"}}) {
            cases.add(body(good, body[0], null, "application/json", body[1].getBytes(StandardCharsets.UTF_8)));
        }
        cases.add(body(good, "invalid UTF-8", null, "application/json",
                new byte[]{'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}));
        cases.add(body(good, "text/plain", null, "text/plain", good.body()));
        cases.add(body(good, "XML", null, "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8)));
        cases.add(body(good, "unknown field", "unexpectedField", "application/json",
                json.replaceFirst("\\{", "{\"unexpectedField\":true,").getBytes(StandardCharsets.UTF_8)));
        return cases;
    }

    private static Case body(Good good, String name, String field, String contentType, byte[] body) {
        return new Case(name, field, good.path(), contentType, body, Map.of(), REFUSED, false);
    }

    /**
     * The fields of an object of the body, as its schema declares them: each left out when required, each given
     * every bad value of its type; then the fields of the objects and lists it holds.
     */
    private void fields(List<Case> cases, Spec spec, Good good, JsonObject body, JsonObject schema, List<Object> at) {
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null) {
            return;
        }
        JsonValue value = get(body, at);
        JsonObject here = value instanceof JsonObject o ? o : null;
        List<String> required = schema.containsKey("required")
                ? schema.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).toList()
                : List.of();
        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
            List<Object> path = new ArrayList<>(at);
            path.add(property.getKey());
            String field = display(path);
            JsonObject type = openApi.resolve(property.getValue().asJsonObject());
            boolean isRequired = required.contains(property.getKey());
            if (isRequired && here != null && here.containsKey(property.getKey())) {
                cases.add(new Case(field + ": left out", field, good.path(), good.contentType(),
                        without(body, path), Map.of(), REFUSED, false));
            }
            for (Map.Entry<String, String> bad : values(type, isRequired, spec, field, here == null ? null
                    : here.get(property.getKey())).entrySet()) {
                boolean scanned = spec.scanned.contains(field) && bad.getValue().startsWith("\"");
                cases.add(new Case(field + ": " + bad.getKey(), field, good.path(), good.contentType(),
                        replaced(body, path, bad.getValue()), Map.of(), scanned ? ANY_CLIENT_ERROR : REFUSED, scanned));
            }
            JsonValue inner = here == null ? null : here.get(property.getKey());
            if (inner instanceof JsonObject) {
                fields(cases, spec, good, body, type, path);
            } else if (inner instanceof JsonArray array && !array.isEmpty() && array.get(0) instanceof JsonObject
                    && type.containsKey("items")) {
                List<Object> first = new ArrayList<>(path);
                first.add(0);
                fields(cases, spec, good, body, openApi.resolve(type.getJsonObject("items")), first);
            }
        }
    }

    /** Bad values for a field of this schema, as raw JSON, by what makes them bad. */
    private Map<String, String> values(JsonObject type, boolean required, Spec spec, String field, JsonValue current) {
        Map<String, String> bad = new LinkedHashMap<>();
        if (required) {
            bad.put("null", "null");
        }
        if (type.containsKey("enum")) {
            bad.put("not one of the values", "\"NOPE\"");
            bad.put("a number", "42");
            return bad;
        }
        String kind = type.getString("type", type.containsKey("properties") ? "object" : "string");
        switch (kind) {
            case "integer" -> {
                bad.put("a whole number in quotes", "\"1\"");
                bad.put("text", "\"abc\"");
                bad.put("a fraction", "1.5");
                bad.put("a whole number with a decimal point", "1.0");
                bad.put("an exponent", "1e2");
                bad.put("an exponent beyond a double", "1E400");
                bad.put("an absurd exponent", "1E+999999999");
                bad.put("an absurd negative exponent", "1E-999999999");
                bad.put("beyond a long", "99999999999999999999999999");
                bad.put("true", "true");
                bad.put("an object", "{}");
                if ("int32".equals(type.getString("format", ""))) {
                    bad.put("beyond an int", "2147483648");
                }
                bounds(type, bad);
            }
            case "number" -> {
                bad.put("a number in quotes", "\"1.5\"");
                bad.put("true", "true");
                bad.put("an absurd negative exponent", "1E-999999999");
                bad.put("an absurd exponent", "1E+999999999");
                bad.put("an exponent beyond a double", "1E400");
                bad.put("a negative exponent beyond a double", "-1E400");
                bad.put("zero with an absurd scale", "0E-999999999");
                bad.put("too many digits", "0.12345678901234567");
                bounds(type, bad);
                Matcher places = FRACTION_DIGITS.matcher(type.getString("pattern", ""));
                if (places.find()) {
                    bad.put("a decimal place too many", "1." + "0".repeat(Integer.parseInt(places.group(1))) + "1");
                }
            }
            case "boolean" -> {
                bad.put("yes", "\"yes\"");
                bad.put("true in quotes", "\"true\"");
                bad.put("1", "1");
            }
            case "array" -> {
                bad.put("text", "\"not-a-list\"");
                bad.put("an object", "{}");
                bad.put("a list of null", "[null]");
                if (type.getInt("minItems", 0) > 0) {
                    bad.put("an empty list", "[]");
                }
                if (type.containsKey("maxItems") && current instanceof JsonArray list && !list.isEmpty()) {
                    bad.put("a list too long", "[" + String.join(",",
                            java.util.Collections.nCopies(type.getInt("maxItems") + 1, list.get(0).toString())) + "]");
                }
            }
            case "object" -> {
                bad.put("a number", "42");
                bad.put("text", "\"text\"");
                bad.put("a list", "[]");
            }
            default -> strings(type, required, spec, field, bad);
        }
        return bad;
    }

    private static void bounds(JsonObject type, Map<String, String> bad) {
        if (type.containsKey("minimum")) {
            BigDecimal min = type.getJsonNumber("minimum").bigDecimalValue();
            bad.put("below the minimum", min.subtract(BigDecimal.ONE).toPlainString());
            if (min.signum() > 0) {
                bad.put("-0", "-0");
            }
        }
        if (type.containsKey("exclusiveMinimum") && type.get("exclusiveMinimum") instanceof JsonNumber exclusive) {
            bad.put("the excluded minimum", exclusive.bigDecimalValue().toPlainString());
            if (exclusive.bigDecimalValue().signum() == 0) {
                bad.put("-0", "-0");
            }
        }
        if (type.containsKey("maximum")) {
            bad.put("above the maximum", type.getJsonNumber("maximum").bigDecimalValue().add(BigDecimal.ONE).toPlainString());
        }
    }

    private static void strings(JsonObject type, boolean required, Spec spec, String field, Map<String, String> bad) {
        bad.put("an object", "{\"nested\":1}");
        bad.put("a number", "42");
        bad.put("true", "true");
        bad.put("NUL", "\"a\\u0000b\"");
        bad.put("a control character", "\"a\\u0007b\"");
        bad.put("a C1 control character", "\"a\\u0085b\"");
        bad.put("a line break", "\"a\\nb\"");
        bad.put("a right-to-left override", "\"abc\\u202Egpj.exe\"");
        bad.put("a bidirectional isolate", "\"\\u2066x\\u2069\"");
        bad.put("a lone surrogate", "\"\\ud800\"");
        String format = type.getString("format", "");
        if (!format.isEmpty()) {
            bad.put("not a " + format, "\"2024-13-45T25:61\"");
        }
        int max = type.getInt("maxLength", 100_000);
        bad.put(max >= 100_000 ? "huge" : "over " + max + " characters", "\"" + "a".repeat(max + 1) + "\"");
        if (type.getInt("minLength", 0) > 0 || type.containsKey("pattern") && !spec.scanned.contains(field)
                || required && "\\S".equals(type.getString("pattern", ""))) {
            bad.put("empty", "\"\"");
            bad.put("blank", "\"   \"");
        }
        Integer characters = spec.freeText.get(field);
        if (characters != null || spec.visibleOnly.contains(field)) {
            bad.put("invisible characters only", "\"\\u200B\\u200C\\uFEFF\"");
            bad.put("a flood of combining marks", "\"a" + "\\u0301".repeat(20) + "\"");
        }
        if (characters != null) {
            bad.put("one emoji over the limit", "\"" + EMOJI.repeat(characters + 1) + "\"");
        }
    }

    private List<Case> images(Spec spec, Good good) throws IOException {
        Map<String, byte[]> images = new LinkedHashMap<>(hostileImages());
        if (!spec.anyImageType) {
            images.put("a GIF", HostileImages.write(HostileImages.picture(60, 40, BufferedImage.TYPE_INT_RGB), "gif"));
        }
        List<Case> cases = new ArrayList<>();
        images.forEach((name, bytes) -> cases.add(new Case(name, spec.imageField, good.path(), good.contentType(), bytes,
                Map.of(), REFUSED, false)));
        cases.add(new Case("over 1 MiB", null, good.path(), good.contentType(), noise(1024 * 1024 + 100), Map.of(),
                REFUSED, false));
        cases.add(new Case("JSON instead of an image", spec.anyImageType ? null : spec.imageField, good.path(),
                "application/json", "{\"image\":\"x\"}".getBytes(StandardCharsets.UTF_8), Map.of(), REFUSED, false));
        return cases;
    }

    /** Images each endpoint must refuse from their headers (made once: the large ones take a while). */
    private Map<String, byte[]> hostileImages() throws IOException {
        if (hostile != null) {
            return hostile;
        }
        byte[] png = HostileImages.write(HostileImages.picture(60, 40, BufferedImage.TYPE_INT_RGB), "png");
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("no bytes", new byte[0]);
        images.put("noise", noise(5000));
        images.put("a truncated PNG", java.util.Arrays.copyOf(png, 40));
        images.put("SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
        images.put("a progressive JPEG of a thousand scans", HostileImages.manyScans(1000, 1000, 1000));
        images.put("a progressive JPEG whose scans cost too much", HostileImages.manyScans(2500, 2500, 20));
        images.put("a 16-bit PNG", HostileImages.write(HostileImages.picture(2000, 2000, BufferedImage.TYPE_USHORT_GRAY), "png"));
        images.put("20000 x 20000 pixels in a few kilobytes",
                HostileImages.write(new BufferedImage(20_000, 20_000, BufferedImage.TYPE_BYTE_BINARY), "png"));
        images.put("30000 pixels on a side", HostileImages.write(new BufferedImage(30_000, 2, BufferedImage.TYPE_BYTE_BINARY), "png"));
        hostile = images;
        return images;
    }

    private byte[] noise(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- JSON surgery

    /** A field path as {@code a.b[0].c}, parsed into names and list positions. */
    private static List<Object> path(String field) {
        List<Object> path = new ArrayList<>();
        for (String part : field.split("\\.")) {
            Matcher index = Pattern.compile("^([^\\[]+)(?:\\[(\\d+)])?$").matcher(part);
            assertThat(index.matches()).as(field).isTrue();
            path.add(index.group(1));
            if (index.group(2) != null) {
                path.add(Integer.parseInt(index.group(2)));
            }
        }
        return path;
    }

    private static String display(List<Object> path) {
        StringBuilder field = new StringBuilder();
        for (Object part : path) {
            field.append(part instanceof Integer i ? "[" + i + "]" : (field.length() == 0 ? "" : ".") + part);
        }
        return field.toString();
    }

    private static JsonValue get(JsonValue root, List<Object> path) {
        JsonValue value = root;
        for (Object part : path) {
            if (part instanceof Integer i && value instanceof JsonArray array && i < array.size()) {
                value = array.get(i);
            } else if (part instanceof String name && value instanceof JsonObject object && object.containsKey(name)) {
                value = object.get(name);
            } else {
                return null;
            }
        }
        return value;
    }

    /** The body with the value at the path replaced by raw JSON (which may be anything, even invalid JSON text). */
    private static byte[] replaced(JsonObject body, List<Object> path, String raw) {
        String json = with(body, path, 0, Json.createValue(PLACEHOLDER)).toString();
        return json.replace("\"" + PLACEHOLDER + "\"", raw).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] without(JsonObject body, List<Object> path) {
        return with(body, path, 0, null).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of the value with the path set to the replacement (left out when it is null). */
    private static JsonValue with(JsonValue value, List<Object> path, int depth, JsonValue replacement) {
        if (depth == path.size()) {
            return replacement;
        }
        Object part = path.get(depth);
        if (value instanceof JsonArray array && part instanceof Integer index) {
            JsonArrayBuilder copy = Json.createArrayBuilder();
            for (int i = 0; i < array.size(); i++) {
                JsonValue element = i == index ? with(array.get(i), path, depth + 1, replacement) : array.get(i);
                if (element != null) {
                    copy.add(element);
                }
            }
            return copy.build();
        }
        JsonObject object = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        JsonObjectBuilder copy = Json.createObjectBuilder();
        object.forEach((name, element) -> {
            if (!name.equals(part)) {
                copy.add(name, element);
            }
        });
        JsonValue inner = with(object.get(part), path, depth + 1, replacement);
        if (inner != null) {
            copy.add((String) part, inner);
        }
        return copy.build();
    }

    // ---------------------------------------------------------------- the known-good requests

    /** Every state-changing endpoint with the fixture that makes its known-good request. */
    private Map<String, Spec> known() {
        Map<String, Spec> known = new TreeMap<>();
        known.put("POST /api/v1/auth/token", new Spec(() -> {
            String username = account("OFFICER");
            return Good.json(null, "POST", "/api/v1/auth/token", Json.createObjectBuilder().add("username", username)
                    .add("password", "Secret#123").build(), 200);
        }));
        known.put("DELETE /api/v1/auth/token", new Spec(() ->
                Good.empty(api.login("officer", Api.DEMO_PASSWORD), "DELETE", "/api/v1/auth/token", 204)));
        known.put("POST /api/v1/admin/accounts", new Spec(() -> Good.json(api.token("admin"), "POST",
                "/api/v1/admin/accounts", Json.createObjectBuilder().add("username", "bad" + unique())
                        .add("password", "Secret#123").add("displayName", "测试员")
                        .add("roles", Json.createArrayBuilder().add("OFFICER")).build(), 201))
                .freeText("displayName", 100)
                .extra(good -> List.of(replacedCase(good, "password", "a common password", "\"password1\""),
                        replacedCase(good, "password", "the username in the password",
                                "\"" + good.json().getString("username") + "-2026\""))));
        known.put("PUT /api/v1/admin/clock", new Spec(() -> Good.json(api.token("admin"), "PUT", "/api/v1/admin/clock",
                Json.createObjectBuilder().add("offset", "PT0S").build(), 200)));
        known.put("POST /api/v1/sink-projects", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/sink-projects", projectBody(TestProjects.newCode()), 201))
                .freeText("nameZh", 200).freeText("nameEn", 200).freeText("county", 100).freeText("standard", 100)
                .freeText("methodology", 200));
        known.put("POST /api/v1/sink-projects/{code}/issuances", new Spec(() -> {
            String code = TestProjects.newCode();
            ok(post(api.token("officer"), "/api/v1/sink-projects", projectBody(code)), 201);
            return Good.json(api.token("officer"), "POST", "/api/v1/sink-projects/" + code + "/issuances",
                    Json.createObjectBuilder().add("vintage", 2024).add("quantityKg", 1000).build(), 201);
        }));
        known.put("POST /api/v1/retirements", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/retirements", Json.createObjectBuilder().add("projectCode", project()).add("quantityKg", 1)
                        .add("beneficiary", "雅安市某企业").add("purpose", "DIRECT").add("note", "合同 2026-01").build(), 201))
                .freeText("beneficiary", 200).freeText("note", 500));
        known.put("POST /api/v1/orders", new Spec(() -> Good.json(citizen(), "POST", "/api/v1/orders",
                Json.createObjectBuilder().add("projectCode", project()).add("quantityKg", 1).add("beneficiary", "李四")
                        .build(), 201))
                .freeText("beneficiary", 200));
        known.put("DELETE /api/v1/orders/{id}", new Spec(() -> {
            String citizen = citizen();
            return Good.empty(citizen, "DELETE", "/api/v1/orders/" + order(citizen).getJsonNumber("id"), 200);
        }));
        known.put("POST /api/v1/orders/{id}/cancellation", new Spec(() -> {
            String citizen = citizen();
            return Good.empty(citizen, "POST", "/api/v1/orders/" + order(citizen).getJsonNumber("id") + "/cancellation",
                    200);
        }));
        known.put("POST /api/v1/payments/{paymentId}/simulated-confirmation", new Spec(() -> {
            String citizen = citizen();
            return Good.empty(citizen, "POST", "/api/v1/payments/" + order(citizen).getString("paymentId")
                    + "/simulated-confirmation", 200);
        }));
        known.put("POST /api/v1/orders/{id}/checkout", new Spec(() -> {
            String citizen = citizen();
            return Good.json(citizen, "POST", "/api/v1/orders/" + order(citizen).getJsonNumber("id") + "/checkout",
                    Json.createObjectBuilder().add("provider", "wechat").add("channel", "NATIVE").build(), 200);
        }).extra(good -> List.of(replacedCase(good, "provider", "a provider this server does not have", "\"paypal\""),
                replacedCase(good, "channel", "a channel the provider does not have", "\"WAP\""),
                new Case("channel: inside WeChat without the payer's openid", "openId", good.path(), good.contentType(),
                        replaced(good.json(), path("channel"), "\"JSAPI\""), Map.of(), REFUSED, false))));
        known.put("POST /api/v1/orders/{id}/payment-check", new Spec(() -> {
            String citizen = citizen();
            return Good.empty(citizen, "POST", "/api/v1/orders/" + order(citizen).getJsonNumber("id")
                    + "/payment-check", 200);
        }));
        known.put("POST /api/v1/reconciliation/runs", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/reconciliation/runs", Json.createObjectBuilder().add("provider", "wechat")
                        .add("day", LocalDate.now(TestSites.CST).minusDays(1).toString()).build(), 200))
                .extra(good -> List.of(replacedCase(good, "provider", "a provider without bills", "\"simulated\""),
                        replacedCase(good, "day", "a day to come", "\"" + LocalDate.now(TestSites.CST).plusDays(2) + "\""))));
        known.put("POST /api/v1/refunds/{id}/request", new Spec(() -> {
            // A second payment of a paid order, through the simulated provider: owed back, requested by an officer.
            String citizen = citizen();
            JsonObject order = order(citizen);
            ok(api.postJson("/api/v1/payments/" + order.getString("paymentId") + "/simulated-confirmation", "", citizen),
                    200);
            byte[] body = Json.createObjectBuilder().add("notificationId", UUID.randomUUID().toString())
                    .add("paymentId", order.getString("paymentId")).add("amountFen", order.getJsonNumber("amountFen"))
                    .add("status", "SUCCESS").build().toString().getBytes(StandardCharsets.UTF_8);
            Api.Reply twice = api.send(api.request("/api/v1/payments/callbacks/simulated")
                    .header("Content-Type", "application/json").header("X-Signature", signature(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            ok(twice, 200);
            long refund = api.get("/api/v1/orders/" + order.getJsonNumber("id"), citizen).json().getJsonArray("refunds")
                    .getJsonObject(0).getJsonNumber("id").longValue();
            return Good.empty(api.token("officer"), "POST", "/api/v1/refunds/" + refund + "/request", 200);
        }));
        known.put("POST /api/v1/payments/callbacks/{provider}", new Spec(() -> {
            JsonObject order = order(citizen());
            byte[] body = Json.createObjectBuilder().add("notificationId", UUID.randomUUID().toString())
                    .add("paymentId", order.getString("paymentId")).add("amountFen", order.getJsonNumber("amountFen"))
                    .add("status", "SUCCESS").build().toString().getBytes(StandardCharsets.UTF_8);
            return new Good(null, "POST", "/api/v1/payments/callbacks/simulated", "application/json", body, 200,
                    Map.of("X-Signature", signature(body)));
        }).extra(this::callbacks));
        known.put("POST /api/v1/public/verifications", new Spec(() -> Good.json(null, "POST",
                "/api/v1/public/verifications", Json.createObjectBuilder().add("qr", "hello").build(), 200))
                .scanned("qr"));
        known.put("POST /api/v1/public/verifications/image", new Spec(() -> new Good(null, "POST",
                "/api/v1/public/verifications/image", "image/png", qrPng("hello"), 200)).images("image", true));
        known.put("POST /api/v1/certificates/{number}/revocation", new Spec(() -> Good.json(api.token("admin"), "POST",
                "/api/v1/certificates/" + certificate() + "/revocation",
                Json.createObjectBuilder().add("reason", "登记有误").build(), 200))
                .freeText("reason", 500));
        known.put("POST /api/v1/public/carbon-loss", new Spec(() -> Good.json(null, "POST", "/api/v1/public/carbon-loss",
                Json.createObjectBuilder().add("damage", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("species", "杉木").add("volumeM3", new BigDecimal("1.5")))).add("multiplier", 2).build(), 200))
                .visibleOnly("damage[0].species"));
        known.put("POST /api/v1/public/footprint", new Spec(() -> Good.json(null, "POST", "/api/v1/public/footprint",
                Json.createObjectBuilder().add("persons", 2).add("trip", trip()).build(), 200)));
        known.put("PUT /api/v1/sites/{code}", new Spec(() -> {
            JsonObject site = api.get("/api/v1/public/sites").jsonArray().getJsonObject(0);
            return Good.json(api.token("officer"), "PUT", "/api/v1/sites/" + site.getString("code"),
                    Json.createObjectBuilder().add("nameZh", site.getString("nameZh")).add("nameEn", site.getString("nameEn"))
                            .add("county", site.getString("county")).add("dailyCapacity", site.getInt("dailyCapacity"))
                            .add("walkInPercent", site.getInt("walkInPercent")).add("opensAt", site.getString("opensAt"))
                            .add("closesAt", site.getString("closesAt")).build(), 200);
        }).visibleOnly("nameZh").visibleOnly("nameEn").visibleOnly("county"));
        known.put("POST /api/v1/sites/{code}/slots", new Spec(() -> {
            LocalDate day = LocalDate.now(TestSites.CST).plusDays(500 + random.nextInt(300));
            return Good.json(api.token("officer"), "POST", "/api/v1/sites/BFX/slots", Json.createObjectBuilder()
                    .add("from", day.toString()).add("to", day.toString())
                    .add("startTimes", Json.createArrayBuilder().add(String.format("%02d:%02d", 9 + random.nextInt(3),
                            random.nextInt(60)))).add("durationMinutes", 60).add("capacity", 10).build(), 201);
        }));
        known.put("PATCH /api/v1/slots/{id}", new Spec(() -> Good.json(api.token("officer"), "PATCH",
                "/api/v1/slots/" + TestSites.newSlot(api, "BFX", 10).getJsonNumber("id"),
                Json.createObjectBuilder().add("capacity", 12).build(), 200)));
        known.put("POST /api/v1/sites/{code}/closures", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/sites/MDS/closures", Json.createObjectBuilder().add("date",
                        LocalDate.now(TestSites.CST).plusDays(900 + random.nextInt(300)).toString())
                        .add("reason", "山体滑坡，道路封闭").build(), 200)).freeText("reason", 200));
        known.put("PUT /api/v1/sink-projects/{code}/visibility", new Spec(() -> {
            String code = TestProjects.newCode();
            TestProjects.projectWithIssuance(api, code, 100);
            return Good.json(api.token("officer"), "PUT", "/api/v1/sink-projects/" + code + "/visibility",
                    Json.createObjectBuilder().add("visibility", "TEST").build(), 200);
        }));
        known.put("POST /api/v1/admin/organisations", new Spec(() -> Good.json(api.token("admin"), "POST",
                "/api/v1/admin/organisations", Json.createObjectBuilder().add("code", "COURT-" + unique().toUpperCase()
                        .replaceAll("[^A-Z0-9]", "")).add("kind", "COURT").add("nameZh", "荥经县人民法院")
                        .add("nameEn", "Yingjing County People's Court").build(), 201))
                .visibleOnly("nameZh").visibleOnly("nameEn"));
        known.put("PUT /api/v1/admin/accounts/{username}/roles", new Spec(() -> Good.json(api.token("admin"), "PUT",
                "/api/v1/admin/accounts/" + staffAccount() + "/roles", Json.createObjectBuilder()
                        .add("roles", Json.createArrayBuilder().add("SITE_MANAGER")).add("organisation", "SITE-BFX").build(),
                200)));
        known.put("POST /api/v1/admin/accounts/{username}/disabling", new Spec(() -> Good.empty(api.token("admin"), "POST",
                "/api/v1/admin/accounts/" + staffAccount() + "/disabling", 200)));
        known.put("POST /api/v1/admin/accounts/{username}/enabling", new Spec(() -> {
            String username = staffAccount();
            ok(send(api.token("admin"), "POST", "/api/v1/admin/accounts/" + username + "/disabling", null, new byte[0],
                    Map.of()), 200);
            return Good.empty(api.token("admin"), "POST", "/api/v1/admin/accounts/" + username + "/enabling", 200);
        }));
        known.put("POST /api/v1/admin/accounts/{username}/password-reset", new Spec(() -> Good.empty(api.token("admin"),
                "POST", "/api/v1/admin/accounts/" + staffAccount() + "/password-reset", 200)));
        known.put("POST /api/v1/sites", new Spec(() -> Good.json(api.token("officer"), "POST", "/api/v1/sites",
                Json.createObjectBuilder().add("code", "T" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase()
                                .substring(0, 9)).add("nameZh", "测试景区").add("nameEn", "Test site").add("county", "雨城区")
                        .add("dailyCapacity", 2000).add("walkInPercent", 10).add("opensAt", "08:30")
                        .add("closesAt", "17:30").add("capacityNote", "估算值").build(), 201))
                .visibleOnly("nameZh").visibleOnly("nameEn").visibleOnly("county").visibleOnly("capacityNote"));
        known.put("POST /api/v1/reference/species", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/reference/species", ReferenceDataIT.newSpecies(ReferenceDataIT.speciesName(), "0.4",
                        ReferenceDataIT.serverToday(api)), 201))
                .visibleOnly("nameZh").visibleOnly("nameEn").visibleOnly("source").visibleOnly("sourceTable"));
        known.put("POST /api/v1/reference/travel-factors", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/reference/travel-factors", ReferenceDataIT.futureLodging(api), 201))
                .visibleOnly("code").visibleOnly("source").visibleOnly("sourceTable"));
        known.put("POST /api/v1/bookings", new Spec(() -> {
            long slot = TestSites.newSlot(api, "BFX", 10).getJsonNumber("id").longValue();
            return Good.json(citizen(), "POST", "/api/v1/bookings", Json.createReader(new java.io.StringReader(
                    TestSites.booking(slot, 1, TestSites.CAR_TRIP))).readObject(), 201);
        }).freeText("visitors[0].name", 50));
        known.put("POST /api/v1/bookings/{no}/cancellation", new Spec(() -> {
            String citizen = citizen();
            JsonObject booking = paidBooking(citizen, TestSites.newSlot(api, "BFX", 10));
            return Good.empty(citizen, "POST", "/api/v1/bookings/" + booking.getString("bookingNo") + "/cancellation", 200);
        }));
        known.put("POST /api/v1/site/check-ins", new Spec(() -> {
            String[] ticket = ticketAtItsSlot();
            return Good.json(ticket[1], "POST", "/api/v1/site/check-ins",
                    Json.createObjectBuilder().add("qr", ticket[0]).add("gate", "东门").build(), 200);
        }).movingClock().scanned("qr").freeText("gate", 40));
        known.put("POST /api/v1/site/check-ins/sync", new Spec(() -> {
            String[] ticket = ticketAtItsSlot();
            return Good.json(ticket[1], "POST", "/api/v1/site/check-ins/sync", Json.createObjectBuilder()
                    .add("scans", Json.createArrayBuilder().add(Json.createObjectBuilder().add("qr", ticket[0])
                            .add("gate", "北门").add("scannedAt", ticket[2]).add("nonce", UUID.randomUUID().toString())))
                    .build(), 200);
        }).movingClock().scanned("scans[0].qr").freeText("scans[0].gate", 40));
        known.put("POST /api/v1/restoration-orders", new Spec(() -> Good.json(api.token("court"), "POST",
                "/api/v1/restoration-orders", restorationBody("REPLANT"), 201))
                .freeText("defendants[0].name", 50).visibleOnly("damage[0].species").freeText("replant.species", 40)
                .freeText("replant.site", 200));
        known.put("POST /api/v1/restoration-orders/{id}/plantings", new Spec(() -> Good.json(api.token("officer"),
                "POST", "/api/v1/restoration-orders/" + restorationOrder("REPLANT") + "/plantings", planting(), 201))
                .freeText("species", 40));
        known.put("POST /api/v1/restoration-orders/{id}/inspections", new Spec(() -> {
            long id = restorationOrder("REPLANT");
            ok(post(api.token("officer"), "/api/v1/restoration-orders/" + id + "/plantings", planting()), 201);
            return Good.json(api.token("officer"), "POST", "/api/v1/restoration-orders/" + id + "/inspections",
                    Json.createObjectBuilder().add("date", LocalDate.now(TestSites.CST).toString()).add("survivingTrees", 4)
                            .build(), 201);
        }));
        known.put("POST /api/v1/restoration-orders/{id}/plantings/{plantingId}/photos", new Spec(() -> {
            long id = restorationOrder("REPLANT");
            JsonObject planted = ok(post(api.token("officer"), "/api/v1/restoration-orders/" + id + "/plantings",
                    planting()), 201).json();
            long plantingId = planted.getJsonArray("plantings").getJsonObject(0).getJsonNumber("id").longValue();
            return new Good(api.token("officer"), "POST", "/api/v1/restoration-orders/" + id + "/plantings/"
                    + plantingId + "/photos", "image/jpeg",
                    HostileImages.write(HostileImages.picture(800, 600, BufferedImage.TYPE_INT_RGB), "jpeg"), 201);
        }).images("photo", false));
        known.put("POST /api/v1/restoration-orders/{id}/purchase", new Spec(() -> Good.empty(api.token("court"), "POST",
                "/api/v1/restoration-orders/" + restorationOrder("PURCHASE_IN_LIEU") + "/purchase?projectCode=" + project(),
                201)).extra(good -> {
                    List<Case> cases = new ArrayList<>();
                    String base = good.path().substring(0, good.path().indexOf('?'));
                    for (String code : List.of("NO-SUCH-PROJECT", "%00", "%E2%80%AE", "a".repeat(33), "%27%20OR%201%3D1")) {
                        cases.add(new Case("projectCode = " + code, "projectCode", base + "?projectCode=" + code, null,
                                new byte[0], Map.of(), ANY_CLIENT_ERROR, false));
                    }
                    return cases;
                }));
        known.put("POST /api/v1/restoration-orders/{id}/offline-payment", new Spec(() -> Good.json(api.token("court"),
                "POST", "/api/v1/restoration-orders/" + restorationOrder("PURCHASE_IN_LIEU") + "/offline-payment",
                Json.createObjectBuilder().add("receiptNo", "R-" + unique()).add("amountFen", 100_000_000L)
                        .add("projectCode", project()).build(), 200)));
        known.put("POST /api/v1/public/citizens", new Spec(() -> Good.json(null, "POST", "/api/v1/public/citizens",
                registration(), 201))
                .freeText("name", 50)
                .extra(good -> List.of(replacedCase(good, "password", "a common password", "\"woaini1314\""),
                        replacedCase(good, "password", "the username in the password",
                                "\"" + good.json().getString("username") + "9\""))));
        known.put("POST /api/v1/public/organisations", new Spec(() -> Good.json(null, "POST",
                "/api/v1/public/organisations", Json.createReader(new java.io.StringReader(TestOrganisations.registration(
                        TestOrganisations.enterpriseCode(), "o" + unique()))).readObject(), 201))
                .freeText("name", 100).freeText("contactName", 50));
        known.put("POST /api/v1/organisation/members", new Spec(() -> {
            String admin = "o" + unique();
            TestOrganisations.approved(api, admin);
            return Good.json(api.login(admin, TestOrganisations.PASSWORD), "POST", "/api/v1/organisation/members",
                    Json.createObjectBuilder().add("username", "m" + unique()).add("password", "Buyer#Forest-26")
                            .add("displayName", "采购 小李").add("role", "ORG_BUYER").build(), 201);
        }));
        known.put("POST /api/v1/organisation-registrations/{code}/approval", new Spec(() -> Good.empty(
                api.token("officer"), "POST", "/api/v1/organisation-registrations/"
                        + TestOrganisations.pending(api, "o" + unique()) + "/approval", 200)));
        known.put("POST /api/v1/organisation-registrations/{code}/rejection", new Spec(() -> Good.json(
                api.token("officer"), "POST", "/api/v1/organisation-registrations/"
                        + TestOrganisations.pending(api, "o" + unique()) + "/rejection",
                Json.createObjectBuilder().add("reason", "营业执照上的名称与填写的不一致").build(), 200))
                .freeText("reason", 200));
        known.put("PUT /api/v1/me/password", new Spec(() -> Good.json(citizen(), "PUT", "/api/v1/me/password",
                Json.createObjectBuilder().add("currentPassword", "Plant3Trees").add("newPassword", "Panda#Bamboo-77")
                        .build(), 204))
                .extra(good -> List.of(replacedCase(good, "newPassword", "a common password", "\"password1\""))));
        known.put("POST /api/v1/me/visitors", new Spec(() -> Good.json(citizen(), "POST", "/api/v1/me/visitors",
                Json.createObjectBuilder().add("name", "王小雨").add("idNumber",
                        TestCitizens.idNumber(TestCitizens.agedInYear(9))).add("phone", TestCitizens.phone()).build(), 201))
                .freeText("name", 50));
        known.put("DELETE /api/v1/me/visitors/{id}", new Spec(() -> {
            String citizen = citizen();
            JsonObject saved = ok(post(citizen, "/api/v1/me/visitors", Json.createObjectBuilder().add("name", "王小雨")
                    .add("idNumber", TestCitizens.idNumber(TestCitizens.agedInYear(9))).build()), 201).json();
            return Good.empty(citizen, "DELETE", "/api/v1/me/visitors/" + saved.getJsonNumber("id"), 204);
        }));
        known.put("POST /api/v1/public/password-reset/codes", new Spec(() -> Good.json(null, "POST",
                "/api/v1/public/password-reset/codes", Json.createObjectBuilder().add("account", citizenUsername()).build(),
                202)));
        known.put("POST /api/v1/public/password-reset", new Spec(() -> {
            String phone = TestCitizens.phone();
            String username = TestCitizens.registered(api, phone).username();
            ok(post(null, "/api/v1/public/password-reset/codes", Json.createObjectBuilder().add("account", username)
                    .build()), 202);
            return Good.json(null, "POST", "/api/v1/public/password-reset", Json.createObjectBuilder()
                    .add("account", username).add("code", AccountSettingsIT.codeSentTo(api, phone))
                    .add("newPassword", "Panda#Bamboo-77").build(), 204);
        }).extra(good -> List.of(replacedCase(good, "newPassword", "a common password", "\"woaini1314\""))));
        known.put("POST /api/v1/me/obligations/{year}/unit-purchases", new Spec(() -> Good.json(citizen(), "POST",
                "/api/v1/me/obligations/" + YEAR + "/unit-purchases",
                Json.createObjectBuilder().add("trees", 1).add("projectCode", project()).build(), 201)));
        known.put("POST /api/v1/planting-events", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/planting-events", event(LocalDate.now(TestSites.CST).plusDays(30)), 201))
                .freeText("site", 200));
        known.put("POST /api/v1/planting-events/{id}/signups", new Spec(() -> Good.empty(citizen(), "POST",
                "/api/v1/planting-events/" + eventId(LocalDate.now(TestSites.CST).plusDays(30)) + "/signups", 201)));
        known.put("POST /api/v1/planting-events/{id}/attendances", new Spec(() -> {
            String qr = ok(api.get("/api/v1/me/attendance-qr", citizen()), 200).json().getString("text");
            return Good.json(api.token("officer"), "POST", "/api/v1/planting-events/"
                    + eventId(LocalDate.now(TestSites.CST)) + "/attendances",
                    Json.createObjectBuilder().add("citizenQr", qr).add("trees", 2).build(), 201);
        }).scanned("citizenQr"));
        known.put("POST /api/v1/obligation-exemptions", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/obligation-exemptions", Json.createObjectBuilder().add("username", citizenUsername())
                        .add("year", YEAR).add("reason", "因病住院").build(), 201))
                .freeText("reason", 500));
        known.put("POST /api/v1/obligation-fulfilments", new Spec(() -> Good.json(api.token("officer"), "POST",
                "/api/v1/obligation-fulfilments", Json.createObjectBuilder().add("username", citizenUsername())
                        .add("year", YEAR).add("form", "TENDING").add("hours", 2).build(), 201)));
        known.put("PUT /api/v1/duty-settings", new Spec(() -> Good.json(api.token("officer"), "PUT",
                "/api/v1/duty-settings", ok(api.get("/api/v1/duty-settings", api.token("officer")), 200).json(), 200)));
        known.put("PUT /api/v1/order-limits", new Spec(() -> Good.json(api.token("officer"), "PUT",
                "/api/v1/order-limits", ok(api.get("/api/v1/order-limits", api.token("officer")), 200).json(), 200)));
        known.put("POST /api/v1/webhooks", new Spec(() -> Good.json(api.token("court"), "POST", "/api/v1/webhooks",
                Json.createObjectBuilder().add("url", "http://127.0.0.1:" + WebhookIT.receiverPort() + "/bad-input")
                        .add("events", Json.createArrayBuilder().add("restoration.overdue")).build(), 201))
                .extra(good -> {
                    List<Case> cases = new ArrayList<>();
                    for (String url : List.of("http://169.254.169.254/latest/meta-data/", "https://100.100.100.200/",
                            "https://[fe80::1]/hooks", "https://0.0.0.0/", "file:///etc/passwd", "https://no-such-host.invalid/",
                            "https://cases.example.cn/中", "https://cases.example.cn/#fragment")) {
                        cases.add(replacedCase(good, "url", url, Json.createValue(url).toString()));
                    }
                    cases.add(replacedCase(good, "events", "an unknown event", "[\"order.paid\"]"));
                    return cases;
                }));
        known.put("DELETE /api/v1/webhooks/{id}", new Spec(() -> {
            JsonObject created = ok(post(api.token("court"), "/api/v1/webhooks", Json.createObjectBuilder()
                    .add("url", "http://127.0.0.1:" + WebhookIT.receiverPort() + "/bad-input")
                    .add("events", Json.createArrayBuilder().add("restoration.overdue")).build()), 201).json();
            return Good.empty(api.token("court"), "DELETE", "/api/v1/webhooks/" + created.getJsonNumber("id"), 200);
        }));
        known.put("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", new Spec(() -> {
            // An administrator's subscription to revocations, and a revocation: one delivery to replay.
            String admin = api.token("admin");
            JsonObject created = ok(post(admin, "/api/v1/webhooks", Json.createObjectBuilder()
                    .add("url", "http://127.0.0.1:" + WebhookIT.receiverPort() + "/bad-input")
                    .add("events", Json.createArrayBuilder().add("certificate.revoked")).build()), 201).json();
            ok(post(admin, "/api/v1/certificates/" + certificate() + "/revocation", Json.createObjectBuilder()
                    .add("reason", "登记有误").build()), 200);
            String webhook = "/api/v1/webhooks/" + created.getJsonNumber("id");
            JsonObject delivery = ok(api.get(webhook + "/deliveries", admin), 200).jsonArray().getJsonObject(0);
            return Good.empty(admin, "POST", webhook + "/deliveries/" + delivery.getJsonNumber("id") + "/replay", 202);
        }));
        return known;
    }

    private Case replacedCase(Good good, String field, String name, String raw) {
        return new Case(field + ": " + name, field, good.path(), good.contentType(),
                replaced(good.json(), path(field), raw), Map.of(), REFUSED, false);
    }

    /** A payment provider's notifications that are not: unsigned, forged, or signed but not one. */
    private List<Case> callbacks(Good good) {
        List<Case> cases = new ArrayList<>();
        Set<Integer> refused = Set.of(400, 401, 422);
        cases.add(new Case("unsigned", null, good.path(), good.contentType(), good.body(), Map.of(), refused, false));
        cases.add(new Case("forged signature", null, good.path(), good.contentType(), good.body(),
                Map.of("X-Signature", "sha256=" + "0".repeat(64)), refused, false));
        JsonObject json = good.json();
        Map<String, byte[]> signed = new LinkedHashMap<>();
        signed.put("not JSON", "{\"paymentId\":".getBytes(StandardCharsets.UTF_8));
        signed.put("a list", "[1]".getBytes(StandardCharsets.UTF_8));
        signed.put("empty", new byte[0]);
        String amount = json.getJsonNumber("amountFen").toString();
        signed.put("the amount in quotes", replaced(json, List.of("amountFen"), "\"" + amount + "\""));
        signed.put("a fractional amount", replaced(json, List.of("amountFen"), amount + ".5"));
        signed.put("an absurd amount", replaced(json, List.of("amountFen"), "1E+999999999"));
        signed.put("NUL in the payment id", replaced(json, List.of("paymentId"), "\"a\\u0000b\""));
        signed.put("a payment id of 100 characters", replaced(json, List.of("paymentId"), "\"" + "p".repeat(100) + "\""));
        signed.forEach((name, bytes) -> cases.add(new Case("signed, " + name, null, good.path(), good.contentType(),
                bytes, Map.of("X-Signature", signature(bytes)), refused, false)));
        return cases;
    }

    // ---------------------------------------------------------------- objects the requests need

    private static String unique() {
        return Long.toString(Math.abs(new Random().nextLong()), 36);
    }

    /** A fresh officer's account, made by the administrator. */
    private String staffAccount() {
        String username = "staff" + unique().toLowerCase();
        ok(post(api.token("admin"), "/api/v1/admin/accounts", Json.createObjectBuilder().add("username", username)
                .add("password", "Forest#Staff-26").add("roles", Json.createArrayBuilder().add("OFFICER")).build()), 201);
        return username;
    }

    private Api.Reply post(String token, String path, JsonObject body) {
        return send(token, "POST", path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Api.Reply ok(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply;
    }

    /** A project with plenty of units, shared by the requests that take units. */
    private String project() {
        if (project == null) {
            project = TestProjects.newCode();
            TestProjects.projectWithIssuance(api, project, 50_000_000);
        }
        return project;
    }

    private static JsonObject projectBody(String code) {
        return Json.createObjectBuilder().add("code", code).add("nameZh", "测试林 " + code).add("nameEn", "Test forest")
                .add("county", "雨城区").add("standard", "Local pilot").add("methodology", "AR-CM-001")
                .add("areaMu", new BigDecimal("1200.5")).add("unitPriceFenPerTonne", 8000).build();
    }

    /** A new staff account's username (password Secret#123). */
    private String account(String role) {
        String username = "bad" + unique();
        ok(post(api.token("admin"), "/api/v1/admin/accounts", Json.createObjectBuilder().add("username", username)
                .add("password", "Secret#123").add("roles", Json.createArrayBuilder().add(role)).build()), 201);
        return username;
    }

    private JsonObject registration() {
        return Json.createObjectBuilder().add("username", "c" + unique()).add("name", "李四")
                .add("idNumber", TestCitizens.idNumber(TestCitizens.agedInYear(30)))
                .add("phone", "139" + String.format("%08d", random.nextInt(100_000_000))).add("password", "Plant3Trees")
                .add("consent", true).build();
    }

    /** A newly registered citizen's username: each fixture its own, so no limit per account answers for it. */
    private String citizenUsername() {
        JsonObject body = registration();
        ok(post(null, "/api/v1/public/citizens", body), 201);
        return body.getString("username");
    }

    private String citizen() {
        return api.login(citizenUsername(), "Plant3Trees");
    }

    private JsonObject order(String citizen) {
        return ok(post(citizen, "/api/v1/orders", Json.createObjectBuilder().add("projectCode", project())
                .add("quantityKg", 1).build()), 201).json();
    }

    private String certificate() {
        return ok(post(api.token("officer"), "/api/v1/retirements", Json.createObjectBuilder().add("projectCode", project())
                .add("quantityKg", 1).add("beneficiary", "某企业").add("purpose", "DIRECT").build()), 201)
                .json().getString("certificateNo");
    }

    private static JsonObject trip() {
        return Json.createObjectBuilder().add("mode", "CAR").add("distanceKm", 150).add("occupants", 3).add("nights", 1)
                .add("days", 2).build();
    }

    private JsonObject paidBooking(String citizen, JsonObject slot) {
        JsonObject booking = ok(send(citizen, "POST", "/api/v1/bookings", "application/json",
                TestSites.booking(slot.getJsonNumber("id").longValue(), 1, TestSites.CAR_TRIP)
                        .getBytes(StandardCharsets.UTF_8), Map.of()), 201).json();
        ok(post(citizen, "/api/v1/payments/" + booking.getString("paymentId") + "/simulated-confirmation",
                JsonValue.EMPTY_JSON_OBJECT), 200);
        return booking;
    }

    /**
     * A paid ticket for a new slot at the gate's site, with the clock moved into the slot: its QR text, a fresh token
     * of the gate (one from before the move would look expired) and an instant within the slot.
     */
    private String[] ticketAtItsSlot() {
        String citizen = citizen();
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        JsonObject booking = paidBooking(citizen, slot);
        String qr = ok(api.get("/api/v1/bookings/" + booking.getString("bookingNo") + "/ticket", citizen), 200)
                .json().getString("qr");
        Instant start = Instant.parse(slot.getString("start"));
        TestSites.clockAt(api, start.plus(Duration.ofMinutes(5)));
        return new String[]{qr, api.login("gate", Api.DEMO_PASSWORD), start.plusSeconds(120).toString()};
    }

    /** A REPLANT order due today (not overdue, so no job changes it meanwhile), or a PURCHASE_IN_LIEU one. */
    private static JsonObject restorationBody(String remedy) {
        return Json.createReader(new java.io.StringReader(remedy.equals("REPLANT") ? RestorationIT.dueToday()
                : RestorationIT.order(RestorationIT.caseNumber(), RestorationIT.residentId(), remedy, null))).readObject();
    }

    private long restorationOrder(String remedy) {
        return ok(post(api.token("court"), "/api/v1/restoration-orders", restorationBody(remedy)), 201).json()
                .getJsonNumber("id").longValue();
    }

    private static JsonObject planting() {
        return Json.createObjectBuilder().add("date", LocalDate.now(TestSites.CST).toString()).add("trees", 5).add("species", "云杉")
                .add("latitude", new BigDecimal("30.012345")).add("longitude", new BigDecimal("102.987654")).build();
    }

    private static JsonObject event(LocalDate date) {
        return Json.createObjectBuilder().add("site", "雨城区大兴镇").add("date", date.toString()).add("places", 10)
                .add("treesPerAttendee", 3).build();
    }

    private long eventId(LocalDate date) {
        return ok(post(api.token("officer"), "/api/v1/planting-events", event(date)), 201).json()
                .getJsonNumber("id").longValue();
    }

    /** A QR code of any text, as ZXing draws it: the server reads it and judges the text (MALFORMED). */
    private static byte[] qrPng(String text) throws Exception {
        BufferedImage image = com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(
                new com.google.zxing.qrcode.QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 300, 300));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LedgerIT.SIMULATED_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
