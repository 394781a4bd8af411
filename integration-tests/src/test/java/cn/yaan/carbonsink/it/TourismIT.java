package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carbon-neutral visits on the real server: slots and capacity (a storm of parallel bookings never overfills a
 * slot; expired holds give places back), the footprint and its offset, payment confirming the booking with its
 * certificate, the signed ticket and the gate's verdicts, offline scans synced later.
 */
@ServerIT
class TourismIT {

    private final Api api = Api.server();

    private Api.Reply book(String token, long slotId, int party, String key) {
        var request = api.request("/api/v1/bookings").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestSites.booking(slotId, party, TestSites.CAR_TRIP)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return api.send(Api.authorizedRequest(request, token));
    }

    private JsonObject pay(JsonObject booking, String token) {
        Api.Reply paid = api.postJson("/api/v1/payments/" + booking.getString("paymentId") + "/simulated-confirmation", "", token);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return api.get("/api/v1/bookings/" + booking.getString("bookingNo"), token).json();
    }

    private int remaining(String site, JsonObject slot) {
        String date = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
        return api.get("/api/v1/public/sites/" + site + "/slots?date=" + date).jsonArray().stream()
                .map(v -> v.asJsonObject()).filter(s -> s.getJsonNumber("id").longValue() == slot.getJsonNumber("id").longValue())
                .findFirst().orElseThrow().getInt("remaining");
    }

    /**
     * Moves the clock past the 15-minute hold of unpaid bookings and waits (at most a minute) for the expiry job to
     * give the places back, until the slot at BFX has {@code places} remaining. The caller puts the clock back.
     */
    private void expireHolds(JsonObject slot, int places) throws InterruptedException {
        api.moveClock("PT16M");
        Instant deadline = Instant.now().plusSeconds(60);
        while (remaining("BFX", slot) != places) {
            assertThat(Instant.now()).as("holds expired within a minute").isBefore(deadline);
            Thread.sleep(500);
        }
    }

    @Test
    void aStormOfParallelBookingsFillsASlotExactlyAndExpiredHoldsGiveThePlacesBack() throws Exception {
        JsonObject slot = TestSites.newSlot(api, "BFX", 20);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        List<Api.Reply> replies = LedgerIT.inParallel(200, () -> book(citizen, slotId, 1, null));

        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(20);
        assertThat(replies.stream().filter(r -> r.status() != 201)).hasSize(180).allSatisfy(r ->
                assertThat(ErrorsIT.problem(r, 409).getString("type")).endsWith("slot-full"));
        assertThat(remaining("BFX", slot)).isZero();

        try {
            expireHolds(slot, 20);
        } finally {
            api.moveClock("PT0S");
        }
        String fresh = api.login("citizen", Api.DEMO_PASSWORD);
        JsonObject expired = api.get("/api/v1/bookings/" + replies.stream().filter(r -> r.status() == 201).findFirst()
                .orElseThrow().json().getString("bookingNo"), fresh).json();
        assertThat(expired.getString("status")).isEqualTo("EXPIRED");
        assertThat(book(fresh, slotId, 2, null).status()).as("places are back").isEqualTo(201);
    }

    @Test
    void aBookingIsOffsetPaidCertifiedAndAdmittedOnceAtItsOwnSiteInItsWindow() throws Exception {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        Api.Reply created = book(citizen, slotId, 2, null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject booking = created.json();
        // 2 x 150 km by a car of 3: 300 x 0.17 / 3 x 2 = 34; lodging 1 x 15 x 2 = 30; on site 2 x 2 x 2 = 8.
        assertThat(booking.getJsonNumber("footprintKg").bigDecimalValue()).isEqualByComparingTo("72");
        assertThat(booking.getJsonNumber("offsetKg").longValue()).isEqualTo(72);
        assertThat(booking.getJsonNumber("amountFen").longValue()).isPositive();
        assertThat(booking.getString("status")).isEqualTo("HELD");
        assertThat(booking.getString("expiresAt")).isNotBlank();
        assertThat(booking.toString()).doesNotContain(TestSites.residentId("19900101", 11), "欧阳娜娜")
                .contains("欧*", "511802********");
        assertThat(remaining("BFX", slot)).isEqualTo(8);
        assertThat(ErrorsIT.problem(api.get("/api/v1/bookings/" + booking.getString("bookingNo") + "/ticket.png", citizen), 409)
                .getString("type")).endsWith("booking-not-confirmed");
        assertThat(api.get("/api/v1/bookings/" + booking.getString("bookingNo"), api.token("officer")).status()).isEqualTo(403);

        JsonObject paid = pay(booking, citizen);
        assertThat(paid.getString("status")).isEqualTo("CONFIRMED");
        String certificateNo = paid.getString("certificateNo");
        assertThat(certificateNo).startsWith("V-");
        JsonObject certificate = api.get("/api/v1/public/certificates/" + certificateNo).json();
        assertThat(certificate.getString("kind")).isEqualTo("CARBON_NEUTRAL_VISIT");
        assertThat(certificate.getJsonNumber("quantityKg").longValue()).isEqualTo(72);
        assertThat(CertificateIT.pdfText(api, certificateNo)).contains("景区 / Scenic site 碧峰峡",
                "入园时段 / Entry slot " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                        Instant.parse(slot.getString("start")).atZone(java.time.ZoneId.of("Asia/Shanghai"))),
                "游客人数 / Visitors 2", "72 kg CO2e");
        assertThat(api.get("/api/v1/me/bookings", citizen).jsonArray().toString()).contains(booking.getString("bookingNo"));

        // The ticket: a QR code that ZXing reads back to the signed text, with no personal data in it.
        String qr = api.get("/api/v1/bookings/" + booking.getString("bookingNo") + "/ticket", citizen).json().getString("qr");
        byte[] png = api.get("/api/v1/bookings/" + booking.getString("bookingNo") + "/ticket.png", citizen).bytes();
        assertThat(CertificateIT.decodeQr(ImageIO.read(new ByteArrayInputStream(png)))).isEqualTo(qr);
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(qr), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(decoded).contains("BFX").doesNotContain("511802", "1990");

        // The ticket to keep: a phone-sized image (saved to the album) whose code the gate scans, and an A6 PDF with
        // the same lines; neither names anyone, and nobody but the owner gets them.
        String no = booking.getString("bookingNo");
        Api.Reply card = api.get("/api/v1/bookings/" + no + "/ticket-card.png", citizen);
        assertThat(card.status()).as(card.toString()).isEqualTo(200);
        assertThat(card.contentType()).isEqualTo("image/png");
        assertThat(card.header("Content-Disposition").orElseThrow()).contains("attachment", "ticket-" + no + ".png");
        assertThat(card.header("Cache-Control").orElseThrow()).contains("no-store");
        BufferedImage cardImage = ImageIO.read(new ByteArrayInputStream(card.bytes()));
        assertThat(cardImage.getHeight()).isGreaterThan(cardImage.getWidth());
        String scannedFromCard = CertificateIT.decodeQr(cardImage);
        assertThat(scannedFromCard).isEqualTo(qr);
        Api.Reply pdf = api.get("/api/v1/bookings/" + no + "/ticket.pdf", citizen);
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String slotText = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                Instant.parse(slot.getString("start")).atZone(TestSites.CST));
        try (PDDocument ticketPdf = Loader.loadPDF(pdf.bytes())) {
            assertThat(new PDFTextStripper().getText(ticketPdf))
                    .contains("碧峰峡", "时段 Slot  " + slotText, "人数 Visitors  2", "预约号 Booking  " + no)
                    .doesNotContain("欧阳", "欧*", "511802", "1990");
        }
        String stranger = TestCitizens.register(api);
        for (String file : List.of("ticket-card.png", "ticket.pdf")) {
            assertThat(ErrorsIT.problem(api.get("/api/v1/bookings/" + no + "/" + file, stranger), 404).getString("type"))
                    .as(file).isNotBlank();
            assertThat(api.get("/api/v1/bookings/" + no + "/" + file, api.token("officer")).status()).as(file).isEqualTo(403);
        }

        Instant start = Instant.parse(slot.getString("start"));
        String scan = "{\"qr\":\"" + scannedFromCard + "\",\"gate\":\"东门\"}";
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/site/check-ins", scan, api.token("gate")), 422)
                .getString("result")).isEqualTo("NOT_YET_VALID");
        try {
            TestSites.clockAt(api, start.plus(Duration.ofMinutes(5)));
            String gate = api.login("gate", Api.DEMO_PASSWORD);
            String otherSite = api.login("gate2", Api.DEMO_PASSWORD);
            JsonObject wrongSite = ErrorsIT.problem(api.postJson("/api/v1/site/check-ins", scan, otherSite), 422);
            assertThat(wrongSite.getString("result")).isEqualTo("WRONG_SITE");
            // The refusal names the ticket's site, so that staff can send the visitor on their way.
            assertThat(wrongSite.getString("siteNameZh")).isEqualTo("碧峰峡");
            assertThat(wrongSite.getString("detail")).contains("Bifengxia (BFX)");
            Api.Reply admitted = api.postJson("/api/v1/site/check-ins", scan, gate);
            assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
            assertThat(admitted.json().getString("result")).isEqualTo("ADMITTED");
            assertThat(admitted.json().getInt("partySize")).isEqualTo(2);
            assertThat(admitted.json().getString("bookingNo")).isEqualTo(booking.getString("bookingNo"));

            JsonObject again = ErrorsIT.problem(api.postJson("/api/v1/site/check-ins",
                    "{\"qr\":\"" + qr + "\",\"gate\":\"西门\"}", gate), 409);
            assertThat(again.getString("result")).isEqualTo("ALREADY_CHECKED_IN");
            assertThat(again.getJsonObject("firstCheckIn").getString("gate")).isEqualTo("东门");
            assertThat(again.getJsonObject("firstCheckIn").getString("at")).isNotBlank();

            char[] tampered = qr.toCharArray();
            tampered[60] = tampered[60] == 'A' ? 'B' : 'A';
            for (String forged : List.of(new String(tampered), "hello", "x".repeat(1500), qr.substring(0, 100))) {
                assertThat(ErrorsIT.problem(api.postJson("/api/v1/site/check-ins",
                        "{\"qr\":\"" + forged + "\",\"gate\":\"东门\"}", gate), 422).getString("result")).isEqualTo("INVALID_SIGNATURE");
            }
            JsonObject dashboard = api.get("/api/v1/site/dashboard?date=" + start.atZone(TestSites.CST).toLocalDate(), gate).json();
            JsonObject figures = dashboard.getJsonArray("slots").stream().map(v -> v.asJsonObject())
                    .filter(s -> s.getJsonNumber("slotId").longValue() == slotId).findFirst().orElseThrow();
            assertThat(figures.getInt("confirmedVisitors")).isEqualTo(2);
            assertThat(figures.getInt("checkedInVisitors")).isEqualTo(2);

            TestSites.clockAt(api, Instant.parse(slot.getString("end")).plus(Duration.ofMinutes(31)));
            assertThat(ErrorsIT.problem(api.postJson("/api/v1/site/check-ins", scan, api.login("gate", Api.DEMO_PASSWORD)), 422)
                    .getString("result")).isEqualTo("EXPIRED");
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void aCancelledTicketIsRefusedAndOfflineScansAtTwoGatesAreReportedAfterSync() {
        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        JsonObject cancelled = pay(book(citizen, slotId, 1, null).json(), citizen);
        JsonObject twice = pay(book(citizen, slotId, 3, null).json(), citizen);
        assertThat(remaining("BFX", slot)).isEqualTo(6);
        String cancelledQr = api.get("/api/v1/bookings/" + cancelled.getString("bookingNo") + "/ticket", citizen).json().getString("qr");
        String twiceQr = api.get("/api/v1/bookings/" + twice.getString("bookingNo") + "/ticket", citizen).json().getString("qr");
        JsonObject afterCancel = api.postJson("/api/v1/bookings/" + cancelled.getString("bookingNo") + "/cancellation", "", citizen).json();
        assertThat(afterCancel.getString("status")).isEqualTo("CANCELLED");
        assertThat(remaining("BFX", slot)).isEqualTo(7);
        // The offset stays retired: its certificate stays valid.
        assertThat(api.get("/api/v1/public/certificates/" + cancelled.getString("certificateNo")).json().getString("status"))
                .isEqualTo("VALID");

        Instant start = Instant.parse(slot.getString("start"));
        try {
            TestSites.clockAt(api, start.plus(Duration.ofMinutes(50)));
            String gate = api.login("gate", Api.DEMO_PASSWORD);
            JsonObject offline = api.get("/api/v1/site/offline-data?date=" + start.atZone(TestSites.CST).toLocalDate(), gate).json();
            assertThat(offline.getJsonArray("bookings").toString()).contains(twice.getString("bookingNo"), "CANCELLED")
                    .doesNotContain("511802");
            String sync = "{\"scans\":[{\"qr\":\"" + twiceQr + "\",\"gate\":\"北门\",\"scannedAt\":\"" + start.plusSeconds(600) + "\"},"
                    + "{\"qr\":\"" + twiceQr + "\",\"gate\":\"南门\",\"scannedAt\":\"" + start.plusSeconds(900) + "\"},"
                    + "{\"qr\":\"" + cancelledQr + "\",\"gate\":\"南门\",\"scannedAt\":\"" + start.plusSeconds(960) + "\"}]}";
            Api.Reply synced = api.postJson("/api/v1/site/check-ins/sync", sync, gate);
            assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
            assertThat(synced.jsonArray().stream().map(v -> v.asJsonObject().getString("result")).toList())
                    .containsExactly("ADMITTED", "ALREADY_CHECKED_IN", "CANCELLED");
            JsonObject dashboard = api.get("/api/v1/site/dashboard?date=" + start.atZone(TestSites.CST).toLocalDate(), gate).json();
            assertThat(dashboard.getJsonArray("conflicts").stream().map(v -> v.asJsonObject())
                    .filter(c -> c.getString("bookingNo").equals(twice.getString("bookingNo"))).toList())
                    .singleElement().satisfies(c -> {
                        assertThat(c.getString("gate")).isEqualTo("南门");
                        assertThat(c.getJsonObject("firstCheckIn").getString("gate")).isEqualTo("北门");
                    });
            assertThat(ErrorsIT.problem(api.postJson("/api/v1/site/check-ins", "{\"qr\":\"" + cancelledQr
                    + "\",\"gate\":\"东门\"}", gate), 422).getString("result")).isEqualTo("CANCELLED");
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void retriesWithTheSameKeyBookOnceAndBadInputIsExplainedField() {
        JsonObject slot = TestSites.newSlot(api, "MDS", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        String key = UUID.randomUUID().toString();
        Api.Reply first = book(citizen, slotId, 2, key);
        Api.Reply again = book(citizen, slotId, 2, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.json().getString("bookingNo")).isEqualTo(first.json().getString("bookingNo"));
        assertThat(ErrorsIT.problem(book(citizen, slotId, 3, key), 422).getString("type")).endsWith("idempotency-key-reused");
        assertThat(remaining("MDS", slot)).isEqualTo(8);

        String badId = TestSites.booking(slotId, 1, TestSites.CAR_TRIP).replace(TestSites.residentId("19900101", 11), "511802199001010110");
        JsonObject problem = ErrorsIT.problem(api.postJson("/api/v1/bookings", badId, citizen), 400);
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("visitors[0].idNumber");
        assertThat(problem.toString()).doesNotContain("511802199001010110");
        ErrorsIT.problem(api.postJson("/api/v1/bookings", TestSites.booking(slotId, 1, "{\"mode\":\"CAR\",\"distanceKm\":10,\"nights\":0,\"days\":1}"), citizen), 400);
        ErrorsIT.problem(api.postJson("/api/v1/bookings", TestSites.booking(slotId, 11, TestSites.CAR_TRIP), citizen), 400);
        ErrorsIT.problem(api.postJson("/api/v1/bookings", TestSites.booking(slotId, 1, "{\"mode\":\"BOAT\",\"distanceKm\":10,\"nights\":0,\"days\":1}"), citizen), 400);
        ErrorsIT.problem(api.postJson("/api/v1/bookings", TestSites.booking(999_999_999L, 1, TestSites.CAR_TRIP), citizen), 404);
        assertThat(remaining("MDS", slot)).isEqualTo(8);

        String officer = api.token("officer");
        assertThat(ErrorsIT.problem(api.send(Api.authorizedRequest(api.request("/api/v1/slots/" + slotId)
                .header("Content-Type", "application/json").method("PATCH", java.net.http.HttpRequest.BodyPublishers
                        .ofString("{\"capacity\":1}")), officer)), 409).getString("type")).endsWith("capacity-below-booked");
        String day = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/MDS/slots", "{\"from\":\"" + day + "\",\"to\":\"" + day
                + "\",\"startTimes\":[\"06:00\"],\"durationMinutes\":60,\"capacity\":10}", officer), 400).getString("detail"))
                .contains("opening hours");
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/MDS/slots", "{\"from\":\"" + day + "\",\"to\":\"" + day
                + "\",\"startTimes\":[\"15:00\"],\"durationMinutes\":60,\"capacity\":9000}", officer), 422).getString("type"))
                .endsWith("daily-capacity-exceeded");
    }

    @Test
    void aPaymentAfterExpiryTakesThePlacesAgainOrIsOwedBackWhenTheSlotFilledMeanwhile() throws Exception {
        JsonObject slot = TestSites.newSlot(api, "BFX", 3);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        JsonObject late = book(citizen, slotId, 2, null).json();
        JsonObject stillRoom = book(citizen, slotId, 1, null).json();
        assertThat(remaining("BFX", slot)).isZero();
        try {
            expireHolds(slot, 3);
            String fresh = api.login("citizen", Api.DEMO_PASSWORD);
            // Someone takes two of the three places; then both late payments arrive.
            assertThat(book(fresh, slotId, 2, null).status()).isEqualTo(201);
            JsonObject paidInTime = pay(stillRoom, fresh);
            assertThat(paidInTime.getString("status")).as("one place was still free").isEqualTo("CONFIRMED");
            assertThat(paidInTime.getString("certificateNo")).startsWith("V-");
            JsonObject owedBack = pay(late, fresh);
            assertThat(owedBack.getString("status")).as("no room for two any more").isEqualTo("REFUND_DUE");
            assertThat(api.get("/api/v1/orders/" + late.getInt("orderId"), fresh).json().getString("status"))
                    .isEqualTo("REFUND_DUE");
            assertThat(remaining("BFX", slot)).as("never more than the capacity").isZero();
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void theSitesAndFactorsArePublicWithTheirSources() {
        assertThat(api.get("/api/v1/public/sites").jsonArray()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(api.get("/api/v1/public/travel-factors").jsonArray())
                .allSatisfy(f -> assertThat(f.asJsonObject().getString("source")).isNotBlank());
        JsonObject preview = api.postJson("/api/v1/public/footprint", "{\"persons\":3,\"trip\":" + TestSites.CAR_TRIP + "}").json();
        assertThat(preview.getJsonNumber("offsetKg").longValue()).isEqualTo(108);
        ErrorsIT.problem(api.get("/api/v1/public/sites/BFX/slots?date=tomorrow"), 400);
        ErrorsIT.problem(api.get("/api/v1/public/sites/NOPE/slots?date=2026-12-01"), 404);
    }
}
