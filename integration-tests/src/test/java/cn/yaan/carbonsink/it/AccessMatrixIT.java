package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, for every endpoint the server has. The endpoints are read from the server's OpenAPI document
 * at run time; the expected answer of each (endpoint, caller) pair is written here. An endpoint the server has but
 * this matrix lacks fails the test, so a new endpoint cannot ship without someone deciding who may call it.
 *
 * <p>{@link #PASS} means "let through the access check": the answer may be anything but 401 or 403 (the request
 * carries an empty JSON object and made-up path parameters, so 400 or 404 are fine).
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
            Map.entry("POST /api/v1/admin/accounts", only(Caller.ADMIN)),
            Map.entry("GET /api/v1/admin/clock", only(Caller.ADMIN)),
            Map.entry("PUT /api/v1/admin/clock", only(Caller.ADMIN)),
            Map.entry("POST /api/v1/sink-projects", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/sink-projects/{code}/issuances", only(Caller.OFFICER)),
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
            Map.entry("POST /api/v1/payments/{paymentId}/simulated-confirmation", anyUser()),
            Map.entry("GET /api/v1/public/keys", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/qr.png", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/qr.svg", everyone()),
            Map.entry("GET /api/v1/public/certificates/{number}/pdf", everyone()),
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
            Map.entry("PUT /api/v1/sites/{code}", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/sites/{code}/slots", only(Caller.OFFICER)),
            Map.entry("PATCH /api/v1/slots/{id}", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/sites/{code}/closures", only(Caller.OFFICER)),
            Map.entry("POST /api/v1/bookings", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/me/bookings", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}", only(Caller.CITIZEN)),
            Map.entry("POST /api/v1/bookings/{no}/cancellation", only(Caller.CITIZEN)),
            Map.entry("GET /api/v1/bookings/{no}/ticket.png", only(Caller.CITIZEN)),
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
            // Providers prove themselves by signature, not by login.
            Map.entry("POST /api/v1/payments/callbacks/{provider}", everyone())
    ));

    private final Api api = Api.server();

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
    void everyCallerGetsTheExpectedAnswerFromEveryEndpoint() {
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
                int status = call(endpoint, token).status();
                int expected = access.expected().get(caller);
                boolean ok = expected == PASS ? status != 401 && status != 403 : status == expected;
                if (!ok) {
                    wrong.add(endpoint.key() + " as " + caller + ": expected "
                            + (expected == PASS ? "to pass" : String.valueOf(expected)) + ", got " + status);
                }
            }
        }
        assertThat(wrong).as("access answers that differ from the matrix").isEmpty();
    }

    private Api.Reply call(OpenApi.Endpoint endpoint, String token) {
        HttpRequest.Builder request = api.request(endpoint.concretePath("NO-SUCH-1"));
        HttpRequest.BodyPublisher body = endpoint.changesState() && !endpoint.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody();
        request.method(endpoint.method(), body);
        if (endpoint.changesState()) {
            request.header("Content-Type", "application/json");
        }
        return api.send(Api.authorized(request, token));
    }
}
