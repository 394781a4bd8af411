package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Slots and visitors the tests create for themselves, on days no demo slot and no other test uses. */
public final class TestSites {

    public static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    private TestSites() {
    }

    /** A new one-hour slot at a site, on a random day 70 to 400 days ahead at a random minute of the morning. */
    public static JsonObject newSlot(Api api, String site, int capacity) {
        return newSlot(api, site, capacity, null);
    }

    /** A new one-hour slot on the given day (a random one 70 to 400 days ahead when null). */
    public static JsonObject newSlot(Api api, String site, int capacity, LocalDate on) {
        for (int attempt = 0; ; attempt++) {
            LocalDate day = on != null ? on : LocalDate.now(CST).plusDays(ThreadLocalRandom.current().nextInt(70, 400));
            int minute = ThreadLocalRandom.current().nextInt(0, 180);
            String start = String.format("%02d:%02d", 9 + minute / 60, minute % 60);
            Api.Reply created = api.postJson("/api/v1/sites/" + site + "/slots", "{\"from\":\"" + day + "\",\"to\":\"" + day
                    + "\",\"startTimes\":[\"" + start + "\"],\"durationMinutes\":60,\"capacity\":" + capacity + "}",
                    api.token("officer"));
            // Taken by another test, or a day another test closed: another day.
            if ((created.status() == 409 || created.status() == 422 && created.body().contains("day-closed"))
                    && attempt < 5 && on == null) {
                continue;
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.jsonArray().getJsonObject(0);
        }
    }

    /** A valid resident ID number (GB 11643) born on the given day with the given sequence. */
    public static String residentId(String birth, int sequence) {
        return IdNumbers.withCheck("511802" + birth + String.format("%03d", sequence));
    }

    public static String booking(long slotId, int party, String trip) {
        StringBuilder visitors = new StringBuilder();
        for (int i = 0; i < party; i++) {
            visitors.append(i == 0 ? "" : ",").append("{\"name\":\"").append(i == 0 ? "欧阳娜娜" : "李四" + i)
                    .append("\",\"idNumber\":\"").append(residentId("19900101", 11 + i)).append("\"}");
        }
        return "{\"slotId\":" + slotId + ",\"visitors\":[" + visitors + "],\"trip\":" + trip + "}";
    }

    /** A booking of one visitor in the slot, made and paid (simulated provider) by the citizen: the booking as made. */
    public static JsonObject paidBooking(Api api, String citizen, long slotId) {
        Api.Reply booked = api.postJson("/api/v1/bookings", booking(slotId, 1, CAR_TRIP), citizen);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        Api.Reply paid = api.postJson("/api/v1/payments/" + booked.json().getString("paymentId")
                + "/simulated-confirmation", "", citizen);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return booked.json();
    }

    /** The QR text of a confirmed booking's ticket. */
    public static String ticket(Api api, String citizen, String bookingNo) {
        return api.get("/api/v1/bookings/" + bookingNo + "/ticket", citizen).json().getString("qr");
    }

    public static final String CAR_TRIP = "{\"mode\":\"CAR\",\"distanceKm\":150,\"occupants\":3,\"nights\":1,\"days\":2}";

    /** The text of the QR code in a PNG image, read back by ZXing. */
    public static String decodeQr(byte[] png) throws Exception {
        return CertificateIT.decodeQr(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)));
    }

    /** Moves the server clock to {@code at} (plus a margin the test gives in the instant itself). */
    public static void clockAt(Api api, Instant at) {
        api.moveClock(Duration.between(Instant.now(), at).toString());
    }
}
