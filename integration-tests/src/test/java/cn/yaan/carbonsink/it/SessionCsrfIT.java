package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API and the browser session: a page of another site (same-site or not) that makes a signed-in citizen's
 * browser post a plain form to the API is refused and changes nothing; the site's own pages, which send the
 * session's token in a header, go on working; reading with the session cookie needs no token.
 */
@ServerIT
class SessionCsrfIT {

    private final Api api = Api.server();

    /** A paid (confirmed) booking of the demo citizen, made and read with a bearer token. */
    private JsonObject paidBooking(String token) {
        long slotId = TestSites.newSlot(api, "BFX", 5).getJsonNumber("id").longValue();
        Api.Reply booked = api.postJson("/api/v1/bookings", TestSites.booking(slotId, 1, TestSites.CAR_TRIP), token);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        Api.Reply paid = api.postJson("/api/v1/payments/" + booked.json().getString("paymentId")
                + "/simulated-confirmation", "", token);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        JsonObject booking = api.get("/api/v1/bookings/" + booked.json().getString("bookingNo"), token).json();
        assertThat(booking.getString("status")).isEqualTo("CONFIRMED");
        return booking;
    }

    private Api.Reply cancel(WebSession session, String bookingNo, String contentType, String body, String csrf) {
        HttpRequest.Builder request = session.request("/api/v1/bookings/" + bookingNo + "/cancellation")
                .header("Origin", "https://shop.yaan.example").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return api.send(request);
    }

    @Test
    void aFormPostedWithTheSessionCookieIsRefusedAndChangesNothing() {
        String token = api.token("citizen");
        String bookingNo = paidBooking(token).getString("bookingNo");
        WebSession browser = WebSession.login(api, "citizen", Api.DEMO_PASSWORD);

        JsonObject form = ErrorsIT.problem(cancel(browser, bookingNo, "application/x-www-form-urlencoded", "confirm=yes",
                null), 403);
        assertThat(form.getString("type")).endsWith("/csrf-token-required");
        ErrorsIT.problem(cancel(browser, bookingNo, "text/plain", "{}", null), 403);
        ErrorsIT.problem(cancel(browser, bookingNo, "multipart/form-data; boundary=x", "--x--", null), 403);
        ErrorsIT.problem(cancel(browser, bookingNo, "application/json", "{}", "forged-" + browser.csrfToken()), 403);
        ErrorsIT.problem(api.send(browser.request("/api/v1/auth/token").DELETE()), 403);

        assertThat(api.get("/api/v1/bookings/" + bookingNo, token).json().getString("status")).isEqualTo("CONFIRMED");
        assertThat(browser.get("/api/v1/me").status()).as("reading with the session needs no token").isEqualTo(200);
    }

    @Test
    void theSitesOwnScriptsSendTheSessionsTokenAndGoOnWorking() {
        String token = api.token("citizen");
        String bookingNo = paidBooking(token).getString("bookingNo");
        WebSession browser = WebSession.login(api, "citizen", Api.DEMO_PASSWORD);
        assertThat(browser.csrfToken()).hasSizeGreaterThan(30);

        Api.Reply cancelled = cancel(browser, bookingNo, "application/json", "", browser.csrfToken());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/bookings/" + bookingNo, token).json().getString("status")).isEqualTo("CANCELLED");
        // A bearer token needs no anti-forgery token: no browser sends it on its own.
        assertThat(api.postJson("/api/v1/public/verifications", "{\"qr\":\"nothing\"}", token).status()).isEqualTo(200);
    }
}
