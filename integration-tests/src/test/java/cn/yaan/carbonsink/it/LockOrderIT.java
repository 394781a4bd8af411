package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's lock order under the three writers that meet on one project's issuances: payments arriving after
 * their hold expired (which hold the units again while the expiry job may be releasing the same order), new
 * reservations and direct retirements, all at once, on a project of four vintages (issued newest first, so serial
 * order and vintage order differ) in quantities that straddle issuances, so each writer locks several rows. A deadlock or lock timeout would surface as a 5xx or a 409
 * {@code concurrent-change}; there must be neither, and afterwards every figure adds up and the audit chain
 * verifies. Most telling on PostgreSQL (-Ppostgresql), whose row locks are real; runs on H2 as well.
 */
@ServerIT
class LockOrderIT {

    private static final int EACH = 24;
    /** Not a divisor of an issuance: many operations take units from two issuances, so they lock several rows. */
    private static final long KG = 70;
    private static final int[] VINTAGES = {2024, 2021, 2022, 2023};
    private static final long PER_VINTAGE = 2_500;
    private static final long ISSUED = VINTAGES.length * PER_VINTAGE;

    private final Api api = Api.server();

    @Test
    void latePaymentsReservationsAndRetirementsOnOneProjectNeitherDeadlockNorMiscount() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, PER_VINTAGE);
        for (int vintage : Arrays.copyOfRange(VINTAGES, 1, VINTAGES.length)) {
            Api.Reply issued = api.postJson("/api/v1/sink-projects/" + code + "/issuances",
                    "{\"vintage\":" + vintage + ",\"quantityKg\":" + PER_VINTAGE + "}", api.token("officer"));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        }
        String order = "{\"projectCode\":\"" + code + "\",\"quantityKg\":" + KG + "}";
        List<JsonObject> expiring = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            Api.Reply held = api.postJson("/api/v1/orders", order, api.token("citizen"));
            assertThat(held.status()).as(held.toString()).isEqualTo(201);
            expiring.add(held.json());
        }
        try {
            // The holds have expired; the expiry job (every 10 s) starts releasing them while the payments arrive.
            api.moveClock("PT16M");
            String citizen = api.login("citizen", Api.DEMO_PASSWORD);
            String officer = api.login("officer", Api.DEMO_PASSWORD);
            String retirement = Json.createObjectBuilder().add("projectCode", code).add("quantityKg", KG)
                    .add("beneficiary", "雅安茶业有限公司").add("purpose", "DIRECT").build().toString();
            List<Callable<Api.Reply>> tasks = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                String paymentId = expiring.get(i).getString("paymentId");
                tasks.add(() -> api.postJson("/api/v1/payments/" + paymentId + "/simulated-confirmation", "", citizen));
                tasks.add(() -> api.postJson("/api/v1/orders", order, citizen));
                tasks.add(() -> api.postJson("/api/v1/retirements", retirement, officer));
            }
            List<Api.Reply> replies = LedgerIT.inParallel(tasks);

            List<String> wrong = new ArrayList<>();
            List<JsonObject> retired = new ArrayList<>();
            for (int i = 0; i < replies.size(); i++) {
                Api.Reply reply = replies.get(i);
                int expected = i % 3 == 0 ? 200 : 201;
                if (reply.status() != expected) {
                    wrong.add(reply.toString());
                } else if (i % 3 == 2) {
                    retired.add(reply.json());
                }
            }
            assertThat(wrong).as("answers other than success (a 5xx, or a 409 concurrent-change from a deadlock)").isEmpty();

            // Units were plentiful, so every late payment held its units again and retired them.
            for (JsonObject late : expiring) {
                JsonObject now = api.get("/api/v1/orders/" + late.getInt("id"), citizen).json();
                assertThat(now.getString("status")).as(now.toString()).isEqualTo("RETIRED");
                retired.add(now.getJsonObject("retirement"));
            }
            TestProjects.assertDisjoint(retired);
            JsonObject figures = api.get("/api/v1/public/sink-projects/" + code).json();
            long available = figures.getJsonNumber("availableKg").longValue();
            long reserved = figures.getJsonNumber("reservedKg").longValue();
            long retiredKg = figures.getJsonNumber("retiredKg").longValue();
            assertThat(figures.getJsonNumber("issuedKg").longValue()).isEqualTo(ISSUED);
            assertThat(available + reserved + retiredKg).as("issued = available + reserved + retired").isEqualTo(ISSUED);
            assertThat(reserved).as("the new reservations, unpaid").isEqualTo(EACH * KG);
            assertThat(retiredKg).as("late payments and direct retirements").isEqualTo(2 * EACH * KG);
            assertThat(registeredKg(code)).as("the registry's retirements of the project").isEqualTo(retiredKg);
            Api.Reply verification = api.get("/api/v1/ledger/verification", api.login("admin", Api.DEMO_PASSWORD));
            assertThat(verification.json().getBoolean("ok")).as(verification.toString()).isTrue();
        } finally {
            api.moveClock("PT0S");
        }
    }

    /** Kilograms of the public registry's retirements whose serials are the project's (the newest 500 hold them all). */
    private long registeredKg(String code) {
        return api.get("/api/v1/public/retirements?size=500").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject())
                .filter(r -> r.getJsonArray("serialRanges").stream()
                        .allMatch(range -> range.asJsonObject().getString("first").startsWith(code + "-")))
                .mapToLong(r -> r.getJsonNumber("quantityKg").longValue()).sum();
    }
}
