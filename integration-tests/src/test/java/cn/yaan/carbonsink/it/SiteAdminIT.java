package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running scenic sites through the API: an officer creates a site (and its organisation, for which the administrator
 * opens a manager's account), the manager runs it; a closed day tells visitors why and lists the bookings made for
 * it; a slot's capacity is never below its places booked, also when bookings and cuts arrive at the same moment.
 */
@ServerIT
class SiteAdminIT {

    private final Api api = Api.server();

    static String newSiteCode() {
        return "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static JsonObject newSite(String code) {
        return Json.createObjectBuilder().add("code", code).add("nameZh", "上里古镇").add("nameEn", "Shangli old town")
                .add("county", "雨城区").add("dailyCapacity", 3000).add("walkInPercent", 20).add("opensAt", "08:00")
                .add("closesAt", "18:00").add("capacityNote", "估算值，待核定").build();
    }

    private static LocalDate farDay() {
        return LocalDate.now(TestSites.CST).plusDays(1300 + ThreadLocalRandom.current().nextInt(800));
    }

    @Test
    void anOfficerCreatesASiteAndItsOwnManagerRunsIt() {
        String code = newSiteCode();
        String officer = api.token("officer");

        JsonObject wrongHours = Json.createObjectBuilder(newSite(code)).add("closesAt", "07:00").build();
        JsonObject refused = ErrorsIT.problem(api.postJson("/api/v1/sites", wrongHours.toString(), officer), 400);
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("closesAt");
        JsonObject badCode = Json.createObjectBuilder(newSite("x-1")).build();
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites", badCode.toString(), officer), 400)
                .getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
        assertThat(api.get("/api/v1/public/sites").body()).as("nothing created by the refusals").doesNotContain(code);

        Api.Reply created = api.postJson("/api/v1/sites", newSite(code).toString(), officer);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getInt("bookableDailyCapacity")).isEqualTo(2400);
        assertThat(api.get("/api/v1/public/sites").jsonArray().stream().map(v -> v.asJsonObject().getString("code")))
                .contains(code);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites", newSite(code).toString(), officer), 409)
                .getString("type")).endsWith("/site-exists");

        // The site's organisation exists: the administrator gives it a manager, who runs the site and no other.
        String username = "mgr" + code.toLowerCase();
        Api.Reply account = api.postJson("/api/v1/admin/accounts", Json.createObjectBuilder().add("username", username)
                .add("password", "Manager#2026").add("displayName", "上里 景区管理员")
                .add("roles", Json.createArrayBuilder().add("SITE_MANAGER")).add("organisation", "SITE-" + code)
                .build().toString(), api.token("admin"));
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        String manager = api.login(username, "Manager#2026");
        LocalDate day = farDay();
        Api.Reply slots = api.postJson("/api/v1/sites/" + code + "/slots", "{\"from\":\"" + day + "\",\"to\":\"" + day
                + "\",\"startTimes\":[\"09:00\",\"13:00\"],\"durationMinutes\":120,\"capacity\":1200}", manager);
        assertThat(slots.status()).as(slots.toString()).isEqualTo(201);
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/" + code + "/slots", "{\"from\":\"" + day.plusDays(1)
                + "\",\"to\":\"" + day.plusDays(1) + "\",\"startTimes\":[\"09:00\",\"13:00\"],\"durationMinutes\":120,"
                + "\"capacity\":1201}", manager), 422).getString("type")).endsWith("/daily-capacity-exceeded");
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/BFX/slots", "{\"from\":\"" + day + "\",\"to\":\"" + day
                + "\",\"startTimes\":[\"09:00\"],\"durationMinutes\":60,\"capacity\":1}", manager), 403)
                .getString("type")).endsWith("/not-your-site");
        // A manager of a site is no gate operator and no officer.
        assertThat(api.postJson("/api/v1/site/check-ins", "{\"qr\":\"x\",\"gate\":\"东门\"}", manager).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/sites", newSite(newSiteCode()).toString(), manager).status()).isEqualTo(403);
    }

    @Test
    void aClosedDayShowsItsReasonAndListsTheBookingsMadeForIt() {
        LocalDate day = farDay();
        JsonObject slot = TestSites.newSlot(api, "BFX", 10, day);
        long slotId = slot.getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        String paid = TestSites.paidBooking(api, citizen, slotId).getString("bookingNo");
        Api.Reply held = api.postJson("/api/v1/bookings", TestSites.booking(slotId, 2, TestSites.CAR_TRIP), citizen);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);

        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\"" + day + "\",\"reason\":\"\"}",
                api.token("officer")), 400).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("reason");
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\""
                + LocalDate.now(TestSites.CST).minusDays(1) + "\",\"reason\":\"暴雨\"}", api.token("officer")), 400)
                .getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("date");
        assertThat(slotOf(day, slotId).getBoolean("closed")).as("the refusals closed nothing").isFalse();

        Api.Reply closed = api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\"" + day
                + "\",\"reason\":\"暴雨引发山洪预警，景区封闭\"}", api.token("manager"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        JsonObject answer = closed.json();
        assertThat(answer.getString("reason")).isEqualTo("暴雨引发山洪预警，景区封闭");
        assertThat(answer.getInt("slotsClosed")).isPositive();
        List<String> affected = answer.getJsonArray("bookings").stream()
                .map(v -> v.asJsonObject().getString("bookingNo") + " " + v.asJsonObject().getString("status")
                        + " " + v.asJsonObject().getInt("partySize")).toList();
        assertThat(affected).contains(paid + " CONFIRMED 1", held.json().getString("bookingNo") + " HELD 2");
        assertThat(closed.body()).as("no personal data in the list").doesNotContain("欧阳", "511802", "citizen");

        JsonObject listed = slotOf(day, slotId);
        assertThat(listed.getBoolean("closed")).isTrue();
        assertThat(listed.getString("closedReason")).isEqualTo("暴雨引发山洪预警，景区封闭");
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/sites/BFX/slots", "{\"from\":\"" + day + "\",\"to\":\"" + day
                + "\",\"startTimes\":[\"16:00\"],\"durationMinutes\":60,\"capacity\":1}", api.token("officer")), 422)
                .getString("type")).endsWith("/day-closed");
        // The bookings made stay valid.
        assertThat(api.get("/api/v1/bookings/" + paid, citizen).json().getString("status")).isEqualTo("CONFIRMED");
    }

    private JsonObject slotOf(LocalDate day, long slotId) {
        return api.get("/api/v1/public/sites/BFX/slots?date=" + day).jsonArray().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getJsonNumber("id").longValue() == slotId).findFirst().orElseThrow();
    }

    /**
     * Bookings and capacity cuts on one slot at the same moment: every cut that was accepted left room for what was
     * booked, every refusal was 409 capacity-below-booked, and in the end the slot holds no more than its capacity
     * and exactly the places of its bookings (the ledger's self-check).
     */
    @Test
    void capacityCutsRacingBookingsNeverLeaveASlotOverbooked() throws Exception {
        LocalDate day = farDay();
        long slotId = TestSites.newSlot(api, "BFX", 12, day).getJsonNumber("id").longValue();
        String citizen = api.token("citizen");
        String officer = api.token("officer");
        String manager = api.login("manager", Api.DEMO_PASSWORD);
        AtomicInteger booked = new AtomicInteger();
        AtomicInteger cuts = new AtomicInteger();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            work.add(() -> {
                for (int i = 0; i < 5; i++) {
                    Api.Reply b = api.postJson("/api/v1/bookings", TestSites.booking(slotId, 1, TestSites.CAR_TRIP), citizen);
                    if (b.status() == 201) {
                        Api.Reply p = api.postJson("/api/v1/payments/" + b.json().getString("paymentId")
                                + "/simulated-confirmation", "", citizen);
                        if (p.status() != 200) {
                            unexpected.add("payment: " + p);
                        }
                        booked.incrementAndGet();
                    } else if (b.status() != 409) {
                        unexpected.add("booking: " + b);
                    }
                }
                return null;
            });
        }
        for (String token : List.of(officer, manager)) {
            work.add(() -> {
                for (int i = 0; i < 8; i++) {
                    int capacity = ThreadLocalRandom.current().nextInt(0, 13);
                    Api.Reply c = api.send(Api.authorized(api.request("/api/v1/slots/" + slotId)
                            .header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"capacity\":" + capacity + "}")), token));
                    if (c.status() == 200) {
                        cuts.incrementAndGet();
                    } else if (c.status() != 409 || !c.body().contains("capacity-below-booked") && !c.body().contains("concurrent-change")) {
                        unexpected.add("capacity " + capacity + ": " + c);
                    }
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        assertThat(booked.get()).as("some bookings went through").isPositive();
        assertThat(cuts.get()).as("some changes went through").isPositive();

        JsonObject slot = slotOf(day, slotId);
        assertThat(slot.getInt("remaining")).as("capacity never below booked: " + slot).isGreaterThanOrEqualTo(0);
        assertThat(slot.getInt("capacity") - slot.getInt("remaining")).as("places booked = bookings confirmed")
                .isEqualTo(booked.get());
        JsonObject check = api.get("/api/v1/ledger/verification", api.token("admin")).json();
        JsonObject places = check.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("slot-places")).findFirst().orElseThrow();
        assertThat(places.getBoolean("ok")).as(places.toString()).isTrue();
    }
}
