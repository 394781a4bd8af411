package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference data with versions and sources: an officer's change is a new version; a restoration order keeps the
 * version it was computed with (its figures do not move) and the next order uses the new one; only officers record
 * versions, and a version cannot apply to the past. The suite's species are its own (a name of this run), so other
 * suites' figures never change; a travel factor's version is recorded for a day twenty years ahead, for the same
 * reason.
 */
@ServerIT
public class ReferenceDataIT {

    private static final String SPECIES = "/api/v1/reference/species";
    private static final String FACTORS = "/api/v1/reference/travel-factors";
    private static final String ORDERS = "/api/v1/restoration-orders";

    private final Api api = Api.server();

    /** A species name of this run. */
    public static String speciesName() {
        return "测试树种" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    /** The server's date (its clock may have been moved by a suite). */
    public static LocalDate serverToday(Api api) {
        Api.Reply clock = api.get("/api/v1/admin/clock", api.login("admin", Api.DEMO_PASSWORD));
        assertThat(clock.status()).as(clock.toString()).isEqualTo(200);
        return Instant.parse(clock.json().getString("now")).atZone(TestSites.CST).toLocalDate();
    }

    /** A version of a species from a published source (BEF 1.5, R 0.25, CF 0.5) applying from {@code from}. */
    static JsonObject newSpecies(String name, String svd, LocalDate from) {
        return Json.createObjectBuilder().add("nameZh", name).add("nameEn", "Test species").add("svd", Double.parseDouble(svd))
                .add("bef", 1.5).add("rootShoot", 0.25).add("carbonFraction", 0.5)
                .add("source", "Test forestry yearbook").add("sourceTable", "Table 3").add("sourceYear", 2021)
                .add("estimate", false).add("validFrom", from.toString()).build();
    }

    /** A version of the lodging factor, unchanged in value, applying from twenty years ahead. */
    static JsonObject futureLodging(Api api) {
        return Json.createObjectBuilder().add("code", "LODGING").add("factor", 15)
                .add("source", "Test hotel emissions study").add("sourceTable", "Table 1").add("sourceYear", 2024)
                .add("estimate", false).add("validFrom", serverToday(api).plusYears(20).toString()).build();
    }

    private JsonObject record(String path, JsonObject body) {
        Api.Reply reply = api.postJson(path, body.toString(), api.token("officer"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonObject register(String species) {
        String body = RestorationIT.order(RestorationIT.caseNumber(), RestorationIT.residentId(), "PURCHASE_IN_LIEU", null)
                .replace("杉木", species);
        Api.Reply reply = api.postJson(ORDERS, body, api.token("court"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonObject order(long id) {
        Api.Reply reply = api.get(ORDERS + "/" + id, api.token("court"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void aParameterChangeLeavesAnExistingOrderAloneAndServesTheNext() {
        String name = speciesName();
        LocalDate today = serverToday(api);
        JsonObject first = record(SPECIES, Json.createObjectBuilder(newSpecies(name, "0.4", today))
                .add("source", "Estimate: test value").add("estimate", true).remove("sourceTable").build());
        assertThat(first.getInt("version")).isEqualTo(1);
        assertThat(first.getBoolean("estimate")).isTrue();

        // 10 m3 x 0.4 x 1.5 x 1.25 x 0.5 x 44/12 = 13.75 t
        JsonObject before = register(name);
        assertThat(before.getJsonNumber("carbonLossKg").longValue()).isEqualTo(13_750);

        JsonObject second = record(SPECIES, newSpecies(name, "0.8", today));
        assertThat(second.getInt("version")).isEqualTo(2);
        assertThat(second.getBoolean("estimate")).isFalse();

        JsonObject again = order(before.getJsonNumber("id").longValue());
        assertThat(again.getJsonNumber("carbonLossKg").longValue()).isEqualTo(13_750);
        assertThat(again.getJsonNumber("purchaseKg").longValue()).isEqualTo(13_750);
        JsonObject kept = again.getJsonArray("damage").getJsonObject(0);
        assertThat(kept.getJsonNumber("svd").bigDecimalValue()).isEqualByComparingTo("0.4");
        assertThat(kept.getInt("parameterVersion")).isEqualTo(1);
        assertThat(kept.getBoolean("estimate")).isTrue();
        assertThat(again.getJsonArray("calculation").getString(0)).contains("version 1, estimate");

        JsonObject next = register(name);
        assertThat(next.getJsonNumber("carbonLossKg").longValue()).isEqualTo(27_500);
        JsonObject used = next.getJsonArray("damage").getJsonObject(0);
        assertThat(used.getJsonNumber("svd").bigDecimalValue()).isEqualByComparingTo("0.8");
        assertThat(used.getInt("parameterVersion")).isEqualTo(2);
        assertThat(used.getBoolean("estimate")).isFalse();
        assertThat(next.getJsonArray("calculation").getString(0))
                .contains("Test forestry yearbook, Table 3, 2021; version 2").doesNotContain("estimate");

        // The public list shows the version in force; the officers' list every version.
        List<JsonObject> inForce = api.get("/api/v1/public/species").jsonArray().getValuesAs(JsonValue::asJsonObject)
                .stream().filter(s -> s.getString("nameZh").equals(name)).toList();
        assertThat(inForce).singleElement().satisfies(s -> assertThat(s.getInt("version")).isEqualTo(2));
        Api.Reply all = api.get(SPECIES, api.token("officer"));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.jsonArray().getValuesAs(JsonValue::asJsonObject).stream()
                .map(v -> v.getJsonObject("parameters")).filter(p -> p.getString("nameZh").equals(name))
                .map(p -> p.getInt("version"))).containsExactly(1, 2);
    }

    @Test
    void aVersionForLaterLeavesTodaysFactorInForce() {
        int before = lodgingInForce().getInt("version");
        JsonObject created = record(FACTORS, futureLodging(api));
        assertThat(created.getString("code")).isEqualTo("LODGING");
        assertThat(created.getString("unit")).isEqualTo("kg/person-night");
        assertThat(created.getBoolean("estimate")).isFalse();
        assertThat(lodgingInForce().getInt("version")).isEqualTo(before);
        Api.Reply all = api.get(FACTORS, api.token("officer"));
        assertThat(all.jsonArray().getValuesAs(JsonValue::asJsonObject).stream()
                .filter(f -> f.getString("code").equals("LODGING")).map(f -> f.getInt("version")))
                .contains(before, created.getInt("version"));
    }

    private JsonObject lodgingInForce() {
        return api.get("/api/v1/public/travel-factors").jsonArray().getValuesAs(JsonValue::asJsonObject).stream()
                .filter(f -> f.getString("code").equals("LODGING")).findFirst().orElseThrow();
    }

    @Test
    void onlyOfficersRecordVersionsAndNeverForThePast() {
        String name = speciesName();
        LocalDate today = serverToday(api);
        JsonObject good = newSpecies(name, "0.4", today);
        for (String user : List.of("court", "citizen", "admin")) {
            assertThat(api.postJson(SPECIES, good.toString(), api.token(user)).status()).as(user).isEqualTo(403);
            assertThat(api.get(SPECIES, api.token(user)).status()).as(user).isEqualTo(403);
            assertThat(api.postJson(FACTORS, futureLodging(api).toString(), api.token(user)).status()).as(user)
                    .isEqualTo(403);
        }
        assertField(SPECIES, Json.createObjectBuilder(good).add("validFrom", today.minusDays(1).toString()).build(),
                "validFrom");
        assertField(SPECIES, Json.createObjectBuilder(good).remove("sourceTable").build(), "sourceTable");
        assertField(SPECIES, Json.createObjectBuilder(good).add("carbonFraction", 1).build(), "carbonFraction");
        assertField(SPECIES, Json.createObjectBuilder(good).add("svd", 0.12345).build(), "svd");
        assertField(FACTORS, Json.createObjectBuilder(futureLodging(api)).add("code", "BICYCLE").build(), "code");
        assertField(FACTORS, Json.createObjectBuilder(futureLodging(api)).add("validFrom", today.minusDays(1).toString())
                .build(), "validFrom");
        assertThat(api.get("/api/v1/public/species").jsonArray().getValuesAs(JsonValue::asJsonObject).stream()
                .map(s -> s.getString("nameZh"))).doesNotContain(name);

        // A later version may not apply before an earlier one.
        record(SPECIES, Json.createObjectBuilder(good).add("validFrom", today.plusDays(10).toString()).build());
        assertField(SPECIES, good, "validFrom");
    }

    private void assertField(String path, JsonObject body, String field) {
        Api.Reply reply = api.postJson(path, body.toString(), api.token("officer"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonValue::asJsonObject).stream()
                .map(e -> e.getString("field"))).as(reply.toString()).contains(field);
    }
}
