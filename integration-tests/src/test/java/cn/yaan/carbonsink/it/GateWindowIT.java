package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of the gate's rules on the real server: a ticket admits from its slot's start less 30 minutes to its end
 * plus 30 ({@code carbonsink.ticket.early-minutes}, {@code late-minutes}), online by the server's clock and offline by
 * the time the scanner recorded; an offline scan is taken from the last 7 days up to 5 minutes ahead; and a day
 * closed after bookings were made stops new bookings but keeps the ones made (README, Eco-tourism).
 */
@ServerIT
class GateWindowIT {

    private final Api api = Api.server();

    private JsonObject book(long slotId, int party) {
        Api.Reply booked = api.postJson("/api/v1/bookings", TestSites.booking(slotId, party, TestSites.CAR_TRIP),
                api.token("citizen"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json();
    }

    private Api.Reply pay(JsonObject booking) {
        return api.postJson("/api/v1/payments/" + booking.getString("paymentId") + "/simulated-confirmation", "",
                api.token("citizen"));
    }

    private String paidTicket(long slotId) {
        String citizen = api.token("citizen");
        return TestSites.ticket(api, citizen, TestSites.paidBooking(api, citizen, slotId).getString("bookingNo"));
    }

    /** The verdict of an online scan: ADMITTED, or the result of the refusal (409/422 problem). */
    private String checkIn(String qr) {
        Api.Reply reply = api.postJson("/api/v1/site/check-ins", "{\"qr\":\"" + qr + "\",\"gate\":\"东门\"}",
                api.login("gate", Api.DEMO_PASSWORD));
        if (reply.status() == 200) {
            return reply.json().getString("result");
        }
        return ErrorsIT.problem(reply, reply.status() == 409 ? 409 : 422).getString("result");
    }

    private static String scan(String qr, Instant at) {
        return "{\"qr\":\"" + qr + "\",\"gate\":\"北门\",\"scannedAt\":\"" + at + "\"}";
    }

    private Api.Reply sync(String token, String... scans) {
        return api.postJson("/api/v1/site/check-ins/sync", "{\"scans\":[" + String.join(",", scans) + "]}", token);
    }

    private Instant serverNow() {
        return Instant.parse(api.get("/api/v1/admin/clock", api.login("admin", Api.DEMO_PASSWORD)).json().getString("now"));
    }

    @Test
    void aTicketAdmitsFromThirtyMinutesBeforeItsSlotToThirtyMinutesAfterIt() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        Instant start = Instant.parse(slot.getString("start"));
        Instant end = Instant.parse(slot.getString("end"));
        String early = paidTicket(slotId);
        String late = paidTicket(slotId);
        String exactEarly = paidTicket(slotId);
        String exactLate = paidTicket(slotId);
        try {
            // Online, by the server's clock (which has moved on by the request's milliseconds when it answers).
            TestSites.clockAt(api, start.minus(Duration.ofMinutes(31)));
            assertThat(checkIn(early)).as("31 minutes before the start").isEqualTo("NOT_YET_VALID");
            TestSites.clockAt(api, start.minus(Duration.ofMinutes(30)));
            assertThat(checkIn(early)).as("30 minutes before the start").isEqualTo("ADMITTED");
            TestSites.clockAt(api, end.plus(Duration.ofMinutes(29)));
            assertThat(checkIn(late)).as("29 minutes after the end").isEqualTo("ADMITTED");
            TestSites.clockAt(api, end.plus(Duration.ofMinutes(31)));
            assertThat(checkIn(exactLate)).as("31 minutes after the end").isEqualTo("EXPIRED");

            // Offline, by the recorded time: the edges themselves belong to the window, a second beyond does not.
            String gate = api.login("gate", Api.DEMO_PASSWORD);
            Api.Reply synced = sync(gate,
                    scan(exactEarly, start.minus(Duration.ofMinutes(30)).minusSeconds(1)),
                    scan(exactEarly, start.minus(Duration.ofMinutes(30))),
                    scan(exactLate, end.plus(Duration.ofMinutes(30)).plusSeconds(1)),
                    scan(exactLate, end.plus(Duration.ofMinutes(30))));
            assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
            assertThat(synced.jsonArray().stream().map(v -> v.asJsonObject().getString("result")).toList())
                    .containsExactly("NOT_YET_VALID", "ADMITTED", "EXPIRED", "ADMITTED");

            // What an offline scanner downloads to apply the same window without the server (gate.js).
            JsonObject offline = api.get("/api/v1/site/offline-data?date=" + start.atZone(TestSites.CST).toLocalDate(),
                    gate).json();
            assertThat(offline.getInt("earlyMinutes")).isEqualTo(30);
            assertThat(offline.getInt("lateMinutes")).isEqualTo(30);
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void anOfflineScanIsTakenFromTheLastSevenDaysUpToFiveMinutesAhead() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        Instant start = Instant.parse(slot.getString("start"));
        String qr = paidTicket(slot.getJsonNumber("id").longValue());
        try {
            TestSites.clockAt(api, start.plus(Duration.ofMinutes(10)));
            String gate = api.login("gate", Api.DEMO_PASSWORD);
            // 30 s of margin either side: the server's clock runs on while the test sends.
            Instant now = serverNow();
            for (Instant refused : List.of(now.plusSeconds(330), now.minus(Duration.ofDays(7)).minusSeconds(30))) {
                JsonObject problem = ErrorsIT.problem(sync(gate, scan(qr, refused)), 400);
                assertThat(problem.toString()).as(refused.toString()).contains("scannedAt");
            }
            Api.Reply weekOld = sync(gate, scan(qr, now.minus(Duration.ofDays(7)).plusSeconds(30)));
            assertThat(weekOld.status()).as(weekOld.toString()).isEqualTo(200);
            assertThat(weekOld.jsonArray().getJsonObject(0).getString("result")).isEqualTo("NOT_YET_VALID");
            Api.Reply ahead = sync(gate, scan(qr, now.plusSeconds(270)));
            assertThat(ahead.status()).as(ahead.toString()).isEqualTo(200);
            assertThat(ahead.jsonArray().getJsonObject(0).getString("result")).isEqualTo("ADMITTED");
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void aDayClosedAfterBookingsStopsNewOnesAndKeepsTheOnesMade() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        Instant start = Instant.parse(slot.getString("start"));
        String day = start.atZone(TestSites.CST).toLocalDate().toString();
        JsonObject confirmed = book(slotId, 2);
        assertThat(pay(confirmed).status()).isEqualTo(200);
        JsonObject held = book(slotId, 1);
        JsonObject cancelled = book(slotId, 3);
        assertThat(pay(cancelled).status()).isEqualTo(200);

        Api.Reply closed = api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\"" + day
                + "\",\"reason\":\"山洪预警\"}", api.token("officer"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().getInt("slotsClosed")).isPositive();

        JsonObject listed = api.get("/api/v1/public/sites/BFX/slots?date=" + day).jsonArray().stream()
                .map(v -> v.asJsonObject()).filter(s -> s.getJsonNumber("id").longValue() == slotId).findFirst().orElseThrow();
        assertThat(listed.getBoolean("closed")).isTrue();
        assertThat(listed.getInt("remaining")).as("a closed slot offers nothing").isZero();
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/bookings", TestSites.booking(slotId, 1, TestSites.CAR_TRIP),
                api.token("citizen")), 409).getString("type")).endsWith("slot-closed");

        // Bookings already made stay valid: the held one can still be paid, a paid one can still be cancelled.
        String citizen = api.token("citizen");
        assertThat(api.get("/api/v1/bookings/" + confirmed.getString("bookingNo"), citizen).json().getString("status"))
                .isEqualTo("CONFIRMED");
        Api.Reply paidAfterClosure = pay(held);
        assertThat(paidAfterClosure.status()).as(paidAfterClosure.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/bookings/" + held.getString("bookingNo"), citizen).json().getString("status"))
                .isEqualTo("CONFIRMED");
        assertThat(api.postJson("/api/v1/bookings/" + cancelled.getString("bookingNo") + "/cancellation", "", citizen)
                .json().getString("status")).isEqualTo("CANCELLED");
        String qr = TestSites.ticket(api, citizen, confirmed.getString("bookingNo"));
        try {
            TestSites.clockAt(api, start.plus(Duration.ofMinutes(5)));
            assertThat(checkIn(qr)).as("the ticket of a closed day still admits").isEqualTo("ADMITTED");
            JsonObject figures = api.get("/api/v1/site/dashboard?date=" + day, api.login("gate", Api.DEMO_PASSWORD)).json()
                    .getJsonArray("slots").stream().map(v -> v.asJsonObject())
                    .filter(s -> s.getJsonNumber("slotId").longValue() == slotId).findFirst().orElseThrow();
            assertThat(figures.getBoolean("closed")).isTrue();
            assertThat(figures.getInt("booked")).as("the cancelled party gave its places back").isEqualTo(3);
            assertThat(figures.getInt("confirmedVisitors")).isEqualTo(3);
            assertThat(figures.getInt("checkedInVisitors")).isEqualTo(2);
        } finally {
            api.moveClock("PT0S");
        }
    }
}
