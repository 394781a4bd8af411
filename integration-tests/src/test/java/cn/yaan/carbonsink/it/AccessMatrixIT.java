package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, for every endpoint and every page the server has, and whose objects each caller may touch.
 *
 * <p>The endpoints are read from the server's OpenAPI document at run time; the expected answer of each (endpoint,
 * caller) pair is written here, and an endpoint the matrix lacks fails the test. Every call names real objects
 * (an order, a booking, a restoration order, a project, a certificate...), so a caller who is let through reaches
 * the service. {@link #PASS} means let through: a documented success (2xx) or a documented business refusal (a 4xx
 * RFC 9457 problem other than 401 and 403, such as 400 for the empty body the matrix sends, or 404 "not yours");
 * never a 5xx.
 *
 * <p>Object-level rules are proven with two members of each kind of organisation: a second citizen, a second court,
 * a second site's operator. Pages are opened signed in through the login form as each role.
 */
@ServerIT
class AccessMatrixIT {

    static final int PASS = 0;

    /** Expected answers per caller. */
    record Access(Map<Caller, Integer> expected, boolean revokesToken) {
        Access withOtherOrganisation(Caller caller, int status) {
            Map<Caller, Integer> copy = new EnumMap<>(expected);
            copy.put(caller, status);
            return new Access(copy, revokesToken);
        }

        Access revokingToken() {
            return new Access(expected, true);
        }
    }

    static Access everyone() {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            expected.put(c, PASS);
        }
        return new Access(expected, false);
    }

    static Access anyUser() {
        return everyone().withOtherOrganisation(Caller.ANONYMOUS, 401);
    }

    /** Only these callers pass; the anonymous get 401, everybody else 403. */
    static Access only(Caller... allowed) {
        Set<Caller> ok = Set.of(allowed);
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            expected.put(c, c == Caller.ANONYMOUS ? 401 : ok.contains(c) ? PASS : 403);
        }
        return new Access(expected, false);
    }

    static final Map<String, Access> MATRIX = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/auth/token", everyone()),
            Map.entry("DELETE /api/v1/auth/token", everyone().revokingToken()),
            Map.entry("GET /api/v1/me", anyUser()),
            Map.entry("GET /api/v1/public/ping", everyone()),
            Map.entry("GET /api/v1/health/live", everyone()),
            Map.entry("GET /api/v1/health/ready", everyone()),
            Map.entry("GET /api/v1/metrics", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/admin/accounts", only(Caller.ADMIN)),
            Map.entry("GET /api/v1/admin/accounts", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/admin/organisations", only(Caller.ADMIN)),
            Map.entry("PUT /api/v1/admin/accounts/{username}/roles", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/admin/accounts/{username}/disabling", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/admin/accounts/{username}/enabling", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/admin/accounts/{username}/password-reset", only(Caller.ADMIN)),
            Map.entry("GET /api/v1/admin/citizens", only(Caller.ADMIN)),
            Map.entry("GET /api/v1/admin/audit-trail", only(Caller.ADMIN)),
            Map.entry("GET /api/v1/admin/clock", only(Caller.ADMIN)),
            Map.entry("PUT /api/v1/admin/clock", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/sink-projects", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/sink-projects/{code}/issuances", only(Caller.OFFICER)),
            Map.entry("PUT /api/v1/sink-projects/{code}/visibility", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/public/sink-projects", everyone()),
            Map.entry("GET /api/v1/public/sink-projects/{code}", everyone()),
            Map.entry("POST /api/v1/retirements", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/public/retirements", everyone()),
            Map.entry("GET /api/v1/public/retirements/{id}", everyone()),
            Map.entry("GET /api/v1/public/serials/{serial}", everyone()),
            Map.entry("GET /api/v1/ledger/verification", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/orders", anyUser()),
            Map.entry("GET /api/v1/orders", anyUser()),
            Map.entry("GET /api/v1/orders/{id}", anyUser()),
            Map.entry("DELETE /api/v1/orders/{id}", anyUser()),
            Map.entry("POST /api/v1/orders/{id}/cancellation", anyUser()),
            Map.entry("POST /api/v1/payments/{paymentId}/simulated-confirmation", anyUser()),
            Map.entry("GET /api/v1/payment-providers", anyUser()),
            Map.entry("POST /api/v1/orders/{id}/checkout", anyUser()),
            Map.entry("POST /api/v1/orders/{id}/payment-check", anyUser()),
            Map.entry("GET /api/v1/refunds", only(Caller.OFFICER, Caller.ADMIN)),
            // No refund is owed in the matrix's objects: the officer passes to a 404 problem.
            Map.entry("POST /api/v1/refunds/{id}/request", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/reconciliation", only(Caller.OFFICER, Caller.ADMIN)),
            Map.entry("POST /api/v1/reconciliation/runs", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/public/keys", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/qr.png", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/qr.svg", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/pdf", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/share.png", everyone()),
            // The holder's own copy: the matrix's certificate is an officer's retirement, no caller's own (404).
            Map.entry("GET /api/v1/certificates/{number}/pdf", anyUser()),
            Map.entry("POST /api/v1/public/verifications", everyone()),
            Map.entry("POST /api/v1/public/verifications/image", everyone()),
            Map.entry("POST /api/v1/certificates/{number}/revocation", only(Caller.ADMIN)),
            Map.entry("GET /api/v1/public/revocations", everyone()),
            Map.entry("GET /api/v1/public/species", everyone()),
            Map.entry("POST /api/v1/public/carbon-loss", everyone()),
            Map.entry("GET /api/v1/public/sites", everyone()),
            Map.entry("GET /api/v1/public/sites/{code}/slots", everyone()),
            Map.entry("GET /api/v1/public/travel-factors", everyone()),
            Map.entry("POST /api/v1/public/footprint", everyone()),
            Map.entry("GET /api/v1/reference/species", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/reference/species", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/reference/travel-factors", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/reference/travel-factors", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/sites", only(Caller.OFFICER)),
            // Site managers act on their own site only (the matrix's site and slot are BFX's): the second site's
            // manager is refused (403 not-your-site) before the body is looked at, except for a closure, whose empty
            // body is refused (400) first; aSiteManagerRunsOnlyTheOwnSite shows that one refused with a real body.
            Map.entry("PUT /api/v1/sites/{code}", only(Caller.OFFICER, Caller.MANAGER)),
            Map.entry("POST /api/v1/sites/{code}/slots", only(Caller.OFFICER, Caller.MANAGER)),
            Map.entry("PATCH /api/v1/slots/{id}", only(Caller.OFFICER, Caller.MANAGER)),
            Map.entry("POST /api/v1/sites/{code}/closures", only(Caller.OFFICER, Caller.MANAGER, Caller.OTHER_MANAGER)),
            Map.entry("POST /api/v1/bookings", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/me/bookings", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}", only(Caller.CITIZEN)),
            Map.entry("POST /api/v1/bookings/{no}/cancellation", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}/ticket.png", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}/ticket-card.png", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}/ticket.pdf", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}/ticket", only(Caller.CITIZEN)),
            // Each operator works at the own site only: TourismIT shows gate2 gets WRONG_SITE at gate's tickets.
            Map.entry("POST /api/v1/site/check-ins", only(Caller.GATE, Caller.OTHER_GATE)),
            Map.entry("POST /api/v1/site/check-ins/sync", only(Caller.GATE, Caller.OTHER_GATE)),
            Map.entry("GET /api/v1/site/offline-data", only(Caller.GATE, Caller.OTHER_GATE)),
            Map.entry("GET /api/v1/site/dashboard", only(Caller.GATE, Caller.OTHER_GATE)),
            Map.entry("POST /api/v1/restoration-orders", only(Caller.COURT, Caller.OTHER_COURT)),
            // Officers act on every court's orders; which court's orders a court sees is the service's business.
            Map.entry("GET /api/v1/restoration-orders", only(Caller.COURT, Caller.OTHER_COURT, Caller.OFFICER)),
            Map.entry("GET /api/v1/restoration-orders/{id}", only(Caller.COURT, Caller.OTHER_COURT, Caller.OFFICER)),
            Map.entry("POST /api/v1/restoration-orders/{id}/plantings", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/restoration-orders/{id}/inspections", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/restoration-orders/{id}/plantings/{plantingId}/photos", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/restoration-orders/{id}/photos/{photoId}", only(Caller.COURT, Caller.OTHER_COURT, Caller.OFFICER)),
            Map.entry("POST /api/v1/restoration-orders/{id}/purchase", only(Caller.COURT, Caller.OTHER_COURT)),
            Map.entry("POST /api/v1/restoration-orders/{id}/offline-payment", only(Caller.COURT, Caller.OTHER_COURT)),
            Map.entry("POST /api/v1/public/citizens", everyone()),
            Map.entry("GET /api/v1/me/citizen", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/me/obligations/{year}", only(Caller.CITIZEN)),
            Map.entry("POST /api/v1/me/obligations/{year}/unit-purchases", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/me/attendance-qr", only(Caller.CITIZEN)),
            Map.entry("PUT /api/v1/me/password", anyUser()),
            Map.entry("GET /api/v1/me/visitors", only(Caller.CITIZEN)),
            Map.entry("POST /api/v1/me/visitors", only(Caller.CITIZEN)),
            Map.entry("DELETE /api/v1/me/visitors/{id}", only(Caller.CITIZEN)),
            // Anyone may ask for a code or use one: the answers never say whether the account exists.
            Map.entry("POST /api/v1/public/password-reset/codes", everyone()),
            Map.entry("POST /api/v1/public/password-reset", everyone()),
            Map.entry("POST /api/v1/planting-events", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/planting-events", only(Caller.CITIZEN, Caller.OFFICER, Caller.ADMIN)),
            Map.entry("POST /api/v1/planting-events/{id}/signups", only(Caller.CITIZEN)),
            Map.entry("POST /api/v1/planting-events/{id}/attendances", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/obligation-exemptions", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/obligation-fulfilments", only(Caller.OFFICER)),
            Map.entry("GET /api/v1/duty-settings", only(Caller.OFFICER, Caller.ADMIN)),
            Map.entry("GET /api/v1/order-limits", only(Caller.OFFICER, Caller.ADMIN)),
            Map.entry("PUT /api/v1/order-limits", only(Caller.OFFICER)),
            Map.entry("PUT /api/v1/duty-settings", only(Caller.OFFICER)),
            // Courts, sites' operators and administrators; whose subscription each sees is the service's business
            // (WebhookIT: another court gets 404), so the second court and the second site pass here too.
            Map.entry("POST /api/v1/webhooks", only(Caller.COURT, Caller.OTHER_COURT, Caller.GATE, Caller.OTHER_GATE,
                    Caller.ADMIN)),
            Map.entry("GET /api/v1/webhooks", only(Caller.COURT, Caller.OTHER_COURT, Caller.GATE, Caller.OTHER_GATE,
                    Caller.ADMIN)),
            Map.entry("DELETE /api/v1/webhooks/{id}", only(Caller.COURT, Caller.OTHER_COURT, Caller.GATE,
                    Caller.OTHER_GATE, Caller.ADMIN)),
            Map.entry("GET /api/v1/webhooks/{id}/deliveries", only(Caller.COURT, Caller.OTHER_COURT, Caller.GATE,
                    Caller.OTHER_GATE, Caller.ADMIN)),
            Map.entry("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", only(Caller.COURT,
                    Caller.OTHER_COURT, Caller.GATE, Caller.OTHER_GATE, Caller.ADMIN)),
            Map.entry("POST /api/v1/public/organisations", everyone()),
            Map.entry("GET /api/v1/organisation", only(Caller.ENTERPRISE)),
            Map.entry("POST /api/v1/organisation/members", only(Caller.ENTERPRISE)),
            Map.entry("GET /api/v1/organisation-registrations", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/organisation-registrations/{code}/approval", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/organisation-registrations/{code}/rejection", only(Caller.OFFICER)),
            // Providers prove themselves by signature, not by login: the matrix signs its call (see call()).
            Map.entry("POST /api/v1/payments/callbacks/{provider}", everyone())
    ));

    private final Api api = Api.server();

    /** The values of the matrix's path parameters, by the segment before them: real objects, made once. */
    private static Map<String, String> objects;
    private static String secondCitizen;
    private static final String SECOND_PASSWORD = "Second#2026";

    private synchronized Map<String, String> objects() throws Exception {
        if (objects != null) {
            return objects;
        }
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 10_000);
        JsonObject retired = created(api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 10).add("beneficiary", "雅安茶业有限公司").add("purpose", "DIRECT").build().toString(),
                api.token("officer")));
        JsonObject order = created(api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":100}",
                api.token("citizen")));
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        JsonObject booking = TestSites.paidBooking(api, api.token("citizen"), slot.getJsonNumber("id").longValue());
        long restoration = restorationOrder("court", "REPLANT", RestorationIT.replant(10));
        JsonObject planted = created(api.postJson("/api/v1/restoration-orders/" + restoration + "/plantings",
                "{\"date\":\"" + LocalDate.now(TestSites.CST) + "\",\"trees\":4,\"species\":\"云杉\",\"latitude\":30.38,"
                        + "\"longitude\":102.81}", api.token("officer")));
        long planting = planted.getJsonArray("plantings").getJsonObject(0).getJsonNumber("id").longValue();
        JsonObject photo = created(api.send(Api.authorizedRequest(api.request("/api/v1/restoration-orders/" + restoration
                + "/plantings/" + planting + "/photos").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png())), api.token("officer"))));
        JsonObject event = created(api.postJson("/api/v1/planting-events", Json.createObjectBuilder()
                .add("site", "雨城区大兴镇").add("date", LocalDate.now(TestSites.CST).plusDays(30).toString())
                .add("places", 50).add("treesPerAttendee", 1).build().toString(), api.token("officer")));

        JsonObject visitor = created(api.postJson("/api/v1/me/visitors", Json.createObjectBuilder().add("name", "王五")
                .add("idNumber", TestCitizens.idNumber(TestCitizens.agedInYear(40))).build().toString(),
                api.token("citizen")));

        // A staff account of the matrix's own, which the administrator disables, enables and resets.
        String staff = "matrix" + UUID.randomUUID().toString().substring(0, 8);
        created(api.postJson("/api/v1/admin/accounts", Json.createObjectBuilder().add("username", staff)
                .add("password", "Forest#Staff-26").add("roles", Json.createArrayBuilder().add("OFFICER")).build().toString(),
                api.token("admin")));

        Map<String, String> values = new TreeMap<>();
        values.put("sink-projects/{code}", code);
        values.put("retirements/{id}", retired.getJsonNumber("id").toString());
        values.put("serials/{serial}", retired.getJsonArray("serialRanges").getJsonObject(0).getString("first"));
        values.put("certificates/{number}", retired.getString("certificateNo"));
        values.put("orders/{id}", order.getJsonNumber("id").toString());
        values.put("payments/{paymentId}", order.getString("paymentId"));
        values.put("callbacks/{provider}", "simulated");
        values.put("refunds/{id}", "999999999");
        values.put("sites/{code}", "BFX");
        values.put("accounts/{username}", staff);
        values.put("slots/{id}", slot.getJsonNumber("id").toString());
        values.put("bookings/{no}", booking.getString("bookingNo"));
        values.put("restoration-orders/{id}", String.valueOf(restoration));
        values.put("plantings/{plantingId}", String.valueOf(planting));
        values.put("photos/{photoId}", photo.getJsonNumber("id").toString());
        values.put("planting-events/{id}", event.getJsonNumber("id").toString());
        values.put("visitors/{id}", visitor.getJsonNumber("id").toString());
        values.put("obligations/{year}", String.valueOf(LocalDate.now(TestSites.CST).getYear()));
        JsonObject webhook = created(api.postJson("/api/v1/webhooks", Json.createObjectBuilder()
                .add("url", "http://127.0.0.1:" + WebhookIT.receiverPort() + "/matrix")
                .add("events", Json.createArrayBuilder().add("restoration.overdue")).build().toString(), api.token("court")));
        values.put("webhooks/{id}", webhook.getJsonNumber("id").toString());
        // A pending registration the officer approves (and then finds decided: 409).
        values.put("organisation-registrations/{code}", TestOrganisations.pending(api, PublicDutyIT.username()));
        // No event has been sent to it: the deliveries and the replay are reached and answer "none" (404).
        values.put("deliveries/{deliveryId}", "0");
        objects = values;
        return objects;
    }

    private static JsonObject created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private long restorationOrder(String court, String remedy, String replant) {
        return created(api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                RestorationIT.residentId(), remedy, replant), api.token(court))).getJsonNumber("id").longValue();
    }

    private static byte[] png() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", out);
        return out.toByteArray();
    }

    /** A second citizen, registered as anyone registers (with a profile), once per run. */
    private synchronized String secondCitizen() {
        if (secondCitizen != null) {
            return secondCitizen;
        }
        String username = "second" + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 0; ; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Api.Reply registered = api.postJson("/api/v1/public/citizens", Json.createObjectBuilder()
                    .add("username", username).add("name", "李四").add("idNumber",
                            TestSites.residentId("19920304", random.nextInt(1000)))
                    .add("phone", "137" + (10_000_000 + random.nextInt(90_000_000))).add("password", SECOND_PASSWORD)
                    .add("consent", true).build().toString());
            if (registered.status() == 409 && attempt < 5) {
                continue; // that ID number was taken by another test
            }
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            secondCitizen = username;
            return username;
        }
    }

    // ---------------------------------------------------------------- who may call which endpoint

    @Test
    void everyEndpointIsInTheMatrixAndEveryMatrixRowExists() {
        Set<String> served = new TreeSet<>();
        OpenApi.of(api).endpoints().forEach(e -> served.add(e.key()));
        assertThat(served).as("endpoints the server has but the access matrix does not decide")
                .isSubsetOf(MATRIX.keySet());
        assertThat(MATRIX.keySet()).as("matrix rows for endpoints the server no longer has")
                .isSubsetOf(served);
    }

    @Test
    void everyCallerGetsTheExpectedAnswerFromEveryEndpoint() throws Exception {
        Map<String, String> values = objects();
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            if (c.username != null) {
                tokens.put(c, api.login(c.username, Api.DEMO_PASSWORD));
            }
        }
        List<String> wrong = new ArrayList<>();
        for (OpenApi.Endpoint endpoint : OpenApi.of(api).endpoints()) {
            Access access = MATRIX.get(endpoint.key());
            if (access == null) {
                continue; // reported by the other test
            }
            for (Caller caller : Caller.values()) {
                String token = caller.username == null ? null
                        : access.revokesToken() ? api.login(caller.username, Api.DEMO_PASSWORD) : tokens.get(caller);
                Api.Reply reply = call(endpoint, concretePath(endpoint.path(), values), token);
                int expected = access.expected().get(caller);
                if (expected == PASS ? !letThrough(reply) : reply.status() != expected) {
                    wrong.add(endpoint.key() + " as " + caller + ": expected "
                            + (expected == PASS ? "a success or a business refusal" : String.valueOf(expected))
                            + ", got " + reply);
                }
            }
        }
        assertThat(wrong).as("access answers that differ from the matrix").isEmpty();
    }

    /** A documented success, or a documented business refusal: a problem other than 401 and 403. Never a 5xx. */
    static boolean letThrough(Api.Reply reply) {
        int status = reply.status();
        return status >= 200 && status < 300 || status >= 400 && status < 500 && status != 401 && status != 403
                && reply.contentType().startsWith("application/problem+json");
    }

    /** The template with each parameter replaced by the real object named by the segment before it. */
    static String concretePath(String template, Map<String, String> values) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : template.substring(1).split("/")) {
            String value = segment;
            if (segment.startsWith("{")) {
                value = values.get(previous + "/" + segment);
                assertThat(value).as("a real object for " + previous + "/" + segment + " (" + template + ")").isNotNull();
            }
            path.append('/').append(value);
            previous = segment;
        }
        return path.toString();
    }

    private Api.Reply call(OpenApi.Endpoint endpoint, String path, String token) {
        HttpRequest.Builder request = api.request(path);
        HttpRequest.BodyPublisher body = endpoint.changesState() && !endpoint.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody();
        request.method(endpoint.method(), body);
        if (endpoint.changesState()) {
            request.header("Content-Type", "application/json");
        }
        if (endpoint.path().startsWith("/api/v1/payments/callbacks/")) {
            // Signed as the simulated provider signs: let through, then refused as no notification (400).
            request.header("X-Signature", "sha256=" + hmacSha256(LedgerIT.SIMULATED_SECRET, "{}"));
        }
        return api.send(Api.authorized(request, token));
    }

    private static String hmacSha256(String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- whose objects

    @Test
    void aSecondCitizenCannotSeeCancelPayOrDownloadTheFirstCitizensBookingsAndOrders() throws Exception {
        String first = api.token("citizen");
        String second = api.login(secondCitizen(), SECOND_PASSWORD);
        String code = objects().get("sink-projects/{code}");
        long slotId = TestSites.newSlot(api, "BFX", 10).getJsonNumber("id").longValue();
        String paid = TestSites.paidBooking(api, first, slotId).getString("bookingNo");
        JsonObject held = created(api.postJson("/api/v1/bookings", TestSites.booking(slotId, 2, TestSites.CAR_TRIP), first));
        JsonObject order = created(api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":50}", first));

        Map<String, Api.Reply> attempts = new LinkedHashMap<>();
        attempts.put("see the booking", api.get("/api/v1/bookings/" + paid, second));
        attempts.put("read the ticket", api.get("/api/v1/bookings/" + paid + "/ticket", second));
        attempts.put("download the ticket", api.get("/api/v1/bookings/" + paid + "/ticket.png", second));
        attempts.put("save the ticket image", api.get("/api/v1/bookings/" + paid + "/ticket-card.png", second));
        attempts.put("print the ticket", api.get("/api/v1/bookings/" + paid + "/ticket.pdf", second));
        attempts.put("cancel the booking", api.postJson("/api/v1/bookings/" + paid + "/cancellation", "", second));
        attempts.put("pay the held booking", api.postJson("/api/v1/payments/" + held.getString("paymentId")
                + "/simulated-confirmation", "", second));
        attempts.put("see the order", api.get("/api/v1/orders/" + order.getJsonNumber("id"), second));
        attempts.put("pay the order", api.postJson("/api/v1/payments/" + order.getString("paymentId")
                + "/simulated-confirmation", "", second));
        attempts.put("start paying the order", api.postJson("/api/v1/orders/" + order.getJsonNumber("id") + "/checkout",
                "{\"provider\":\"wechat\",\"channel\":\"H5\"}", second));
        attempts.put("ask whether the order was paid", api.postJson("/api/v1/orders/" + order.getJsonNumber("id")
                + "/payment-check", "", second));
        attempts.put("cancel the order", api.send(Api.authorized(api.request("/api/v1/orders/" + order.getJsonNumber("id"))
                .DELETE(), second)));
        attempts.forEach((what, reply) -> assertThat(reply.status()).as(what + ": " + reply).isEqualTo(404));
        attempts.forEach((what, reply) -> assertThat(reply.body()).as(what).doesNotContain("欧阳娜娜", "511802"));
        assertThat(api.get("/api/v1/me/bookings", second).body()).doesNotContain(paid, held.getString("bookingNo"));
        assertThat(api.get("/api/v1/orders", second).body()).doesNotContain(order.getString("paymentId"));

        // Nothing the second citizen tried changed anything.
        assertThat(api.get("/api/v1/bookings/" + paid, first).json().getString("status")).isEqualTo("CONFIRMED");
        assertThat(api.get("/api/v1/bookings/" + held.getString("bookingNo"), first).json().getString("status")).isEqualTo("HELD");
        assertThat(api.get("/api/v1/orders/" + order.getJsonNumber("id"), first).json().getString("status"))
                .isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void aCourtSeesAndActsOnlyOnItsOwnRestorationOrders() throws Exception {
        Map<String, String> values = objects();
        long mine = restorationOrder("court", "PURCHASE_IN_LIEU", null);
        long theirs = restorationOrder("court2", "PURCHASE_IN_LIEU", null);
        String court = api.token("court");
        String court2 = api.token("court2");
        String orders = "/api/v1/restoration-orders/";

        Map<String, Api.Reply> attempts = new LinkedHashMap<>();
        attempts.put("see the order", api.get(orders + mine, court2));
        attempts.put("see a photo of the order", api.get(orders + values.get("restoration-orders/{id}") + "/photos/"
                + values.get("photos/{photoId}"), court2));
        attempts.put("buy its units", api.postJson(orders + mine + "/purchase", "", court2));
        attempts.put("record its payment", api.postJson(orders + mine + "/offline-payment",
                "{\"receiptNo\":\"R-2026-1\",\"amountFen\":99999999}", court2));
        attempts.put("the other way round", api.get(orders + theirs, court));
        attempts.forEach((what, reply) -> assertThat(reply.status()).as(what + ": " + reply).isEqualTo(404));
        assertThat(ids(api.get("/api/v1/restoration-orders", court2))).contains(theirs).doesNotContain(mine);
        assertThat(ids(api.get("/api/v1/restoration-orders", court))).contains(mine).doesNotContain(theirs);

        assertThat(api.get(orders + mine, court).json().getString("status")).as("unchanged").isEqualTo("REGISTERED");
        assertThat(api.get(orders + mine, court).json().getJsonNumber("retiredKg").longValue()).isZero();
        // Forestry officers act on every court's orders.
        assertThat(api.get(orders + mine, api.token("officer")).status()).isEqualTo(200);
        assertThat(api.get(orders + theirs, api.token("officer")).status()).isEqualTo(200);
    }

    private static List<Long> ids(Api.Reply list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.jsonArray().stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    @Test
    void anOperatorChecksInAndSeesOnlyAtItsOwnSite() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        String bookingNo = TestSites.paidBooking(api, citizen, slotId).getString("bookingNo");
        String qr = TestSites.ticket(api, citizen, bookingNo);
        java.time.Instant start = java.time.Instant.parse(slot.getString("start"));
        String day = start.atZone(TestSites.CST).toLocalDate().toString();
        String scan = "{\"qr\":\"" + qr + "\",\"gate\":\"东门\"}";
        try {
            TestSites.clockAt(api, start.plusSeconds(300));
            String gate2 = api.login("gate2", Api.DEMO_PASSWORD);
            assertThat(ErrorsIT.problem(api.postJson("/api/v1/site/check-ins", scan, gate2), 422).getString("result"))
                    .isEqualTo("WRONG_SITE");
            Api.Reply synced = api.postJson("/api/v1/site/check-ins/sync", "{\"scans\":[{\"qr\":\"" + qr
                    + "\",\"gate\":\"东门\",\"scannedAt\":\"" + start.plusSeconds(200) + "\"}]}", gate2);
            assertThat(synced.jsonArray().getJsonObject(0).getString("result")).isEqualTo("WRONG_SITE");
            JsonObject offline = api.get("/api/v1/site/offline-data?date=" + day, gate2).json();
            assertThat(offline.getString("siteCode")).isEqualTo("MDS");
            assertThat(offline.getJsonArray("bookings").toString()).doesNotContain(bookingNo);
            assertThat(api.get("/api/v1/site/dashboard?date=" + day, gate2).json().getJsonArray("slots").stream()
                    .map(v -> v.asJsonObject().getJsonNumber("slotId").longValue())).doesNotContain(slotId);

            Api.Reply admitted = api.postJson("/api/v1/site/check-ins", scan, api.login("gate", Api.DEMO_PASSWORD));
            assertThat(admitted.status()).as("the ticket is good at its own site: " + admitted).isEqualTo(200);
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void aSiteManagerRunsOnlyTheOwnSite() {
        // A day beyond those other tests make slots on: it is closed at the end.
        JsonObject slot = TestSites.newSlot(api, "BFX", 10, LocalDate.now(TestSites.CST).plusDays(1300
                + ThreadLocalRandom.current().nextInt(400)));
        long slotId = slot.getJsonNumber("id").longValue();
        LocalDate day = java.time.Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate();
        JsonObject site = api.get("/api/v1/public/sites").jsonArray().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("code").equals("BFX")).findFirst().orElseThrow();
        String details = Json.createObjectBuilder().add("nameZh", site.getString("nameZh")).add("nameEn", site.getString("nameEn"))
                .add("county", site.getString("county")).add("dailyCapacity", site.getInt("dailyCapacity"))
                .add("walkInPercent", site.getInt("walkInPercent")).add("opensAt", site.getString("opensAt"))
                .add("closesAt", site.getString("closesAt")).build().toString();
        String slots = "{\"from\":\"" + day + "\",\"to\":\"" + day + "\",\"startTimes\":[\"15:59\"],"
                + "\"durationMinutes\":30,\"capacity\":1}";
        String other = api.login("manager2", Api.DEMO_PASSWORD);

        Map<String, Api.Reply> attempts = new LinkedHashMap<>();
        attempts.put("edit the site", api.send(Api.authorized(api.request("/api/v1/sites/BFX").header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString(details)), other)));
        attempts.put("create slots", api.postJson("/api/v1/sites/BFX/slots", slots, other));
        attempts.put("change a slot", api.send(Api.authorized(api.request("/api/v1/slots/" + slotId).header("Content-Type",
                "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"capacity\":2}")), other)));
        attempts.put("close a day", api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\"" + day
                + "\",\"reason\":\"暴雨\"}", other));
        attempts.forEach((what, reply) -> {
            assertThat(reply.status()).as(what + ": " + reply).isEqualTo(403);
            assertThat(reply.body()).as(what).contains("not-your-site");
        });
        JsonObject unchanged = api.get("/api/v1/public/sites/BFX/slots?date=" + day).jsonArray().stream()
                .map(v -> v.asJsonObject()).filter(s -> s.getJsonNumber("id").longValue() == slotId).findFirst().orElseThrow();
        assertThat(unchanged.getInt("capacity")).isEqualTo(10);
        assertThat(unchanged.getBoolean("closed")).isFalse();

        // The site's own manager does each of them.
        String manager = api.login("manager", Api.DEMO_PASSWORD);
        Api.Reply changed = api.send(Api.authorized(api.request("/api/v1/slots/" + slotId).header("Content-Type",
                "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"capacity\":2}")), manager));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(api.send(Api.authorized(api.request("/api/v1/sites/BFX").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(details)), manager)).status()).isEqualTo(200);
        Api.Reply created = api.postJson("/api/v1/sites/BFX/slots", slots, manager);
        assertThat(created.status()).as(created.toString()).isIn(201, 409);
        Api.Reply closed = api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\"" + day + "\",\"reason\":\"暴雨\"}", manager);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().getString("reason")).isEqualTo("暴雨");
        // A manager creates no sites.
        assertThat(api.postJson("/api/v1/sites", "{}", manager).status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- pages

    private static final List<String> USERS = List.of("citizen", "court", "court2", "officer", "gate", "admin", "manager",
            "manager2", "enterprise");

    /**
     * Which users see each page rendered; everybody else gets {@code refusal}: 403 for another role's area, 404 for
     * an object (under /account) that is not theirs.
     */
    record Page(String path, Set<String> renders, int refusal) {
    }

    private List<Page> pages(Map<String, String> values, String second) {
        Set<String> everyone = Set.of("citizen", second, "court", "court2", "officer", "gate", "admin", "manager", "manager2",
                "enterprise");
        Set<String> citizens = Set.of("citizen", second);
        Set<String> courts = Set.of("court", "court2");
        return List.of(
                new Page("/account/buy.xhtml", everyone, 403),
                new Page("/account/mine.xhtml", everyone, 403),
                new Page("/account/settings.xhtml", everyone, 403),
                new Page("/admin/sms.xhtml", Set.of("admin"), 403),
                new Page("/admin/accounts.xhtml", Set.of("admin"), 403),
                new Page("/admin/audit.xhtml", Set.of("admin"), 403),
                new Page("/account/book.xhtml?slot=" + values.get("slots/{id}"), everyone, 403),
                new Page("/account/booking.xhtml?no=" + values.get("bookings/{no}"), Set.of("citizen"), 404),
                new Page("/account/order.xhtml?id=" + values.get("orders/{id}"), Set.of("citizen"), 404),
                new Page("/account/restoration.xhtml?id=" + values.get("restoration-orders/{id}"), Set.of("court", "officer"), 404),
                new Page("/citizen/duty.xhtml", citizens, 403),
                new Page("/citizen/events.xhtml", citizens, 403),
                new Page("/citizen/qr.xhtml", citizens, 403),
                new Page("/court/restorations.xhtml", courts, 403),
                new Page("/court/register.xhtml", courts, 403),
                new Page("/officer/projects.xhtml", Set.of("officer"), 403),
                new Page("/officer/restorations.xhtml", Set.of("officer"), 403),
                new Page("/officer/events.xhtml", Set.of("officer"), 403),
                new Page("/officer/duty.xhtml", Set.of("officer"), 403),
                new Page("/officer/payments.xhtml", Set.of("officer"), 403),
                new Page("/officer/organisations.xhtml", Set.of("officer"), 403),
                new Page("/organisation/home.xhtml", Set.of("enterprise"), 403),
                new Page("/officer/reference.xhtml", Set.of("officer"), 403),
                new Page("/manage/sites.xhtml", Set.of("officer", "manager", "manager2"), 403),
                new Page("/manage/site.xhtml?code=BFX", Set.of("officer", "manager"), 403),
                new Page("/site/scan.xhtml", Set.of("gate"), 403),
                new Page("/site/dashboard.xhtml", Set.of("gate"), 403));
    }

    @Test
    void pagesRenderForTheirRolesAndAreRefusedToEveryoneElse() throws Exception {
        String second = secondCitizen();
        List<Page> pages = pages(objects(), second);

        // Every page of the signed-in areas has a row (read from the web module's sources).
        try (Stream<Path> files = Files.walk(Path.of("..", "web", "src", "main", "webapp"))) {
            Set<String> sources = new TreeSet<>(files.map(p -> p.toString().replace('\\', '/'))
                    .filter(p -> p.matches(".*/webapp/(account|citizen|court|officer|site|manage|admin|organisation)/.*\\.xhtml"))
                    .map(p -> p.substring(p.indexOf("/webapp/") + "/webapp".length())).toList());
            assertThat(sources).as("pages").isNotEmpty()
                    .isEqualTo(new TreeSet<>(pages.stream().map(p -> p.path().replaceAll("\\?.*", "")).toList()));
        }

        List<String> wrong = new ArrayList<>();
        for (Page page : pages) {
            Api.Reply anonymous = api.get(page.path());
            if (anonymous.status() != 302 || !anonymous.header("Location").orElse("").contains("/login.xhtml?next=")) {
                wrong.add(page.path() + " anonymously: expected a redirect to the login page, got " + anonymous.status());
            }
        }
        List<String> users = new ArrayList<>(USERS);
        users.add(second);
        for (String user : users) {
            PageSession session = new PageSession(api.baseUrl(), user, user.equals(second) ? SECOND_PASSWORD : Api.DEMO_PASSWORD);
            for (Page page : pages) {
                HttpResponse<String> reply = session.get(page.path());
                boolean renders = page.renders().contains(user);
                boolean ok = renders ? reply.statusCode() == 200 && reply.body().contains(">" + user + "</span>")
                        : reply.statusCode() == page.refusal();
                if (!ok) {
                    wrong.add(page.path() + " as " + user + ": expected " + (renders ? "the page" : page.refusal())
                            + ", got " + reply.statusCode());
                }
            }
        }
        assertThat(wrong).as("pages answering other than their roles allow").isEmpty();
    }

    /** A browser's session without a browser: signs in through the login form and keeps the session cookie. */
    static final class PageSession {
        private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]+)\"");

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String baseUrl;

        PageSession(String baseUrl, String username, String password) {
            this.baseUrl = baseUrl;
            Matcher viewState = VIEW_STATE.matcher(get("/login.xhtml").body());
            assertThat(viewState.find()).as("the login form's view state").isTrue();
            String form = "login=login&login%3Anext=&login%3Ausername=" + encode(username) + "&login%3Apassword="
                    + encode(password) + "&login%3Asubmit=&jakarta.faces.ViewState=" + encode(viewState.group(1));
            HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(baseUrl + "/login.xhtml"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(signedIn.statusCode()).as(username + " signs in through the form").isEqualTo(302);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
