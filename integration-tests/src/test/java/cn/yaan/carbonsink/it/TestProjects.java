package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Sink projects the tests create for themselves, so no test depends on another's units. */
public final class TestProjects {

    private TestProjects() {
    }

    public static String newCode() {
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Random random = new Random();
        StringBuilder code = new StringBuilder("IT-");
        for (int i = 0; i < 6; i++) {
            code.append(letters.charAt(random.nextInt(letters.length())));
        }
        return code.toString();
    }

    /** A new project with one issuance of {@code kg}, price 8000 fen per tonne; returns the issuance. */
    public static JsonObject projectWithIssuance(Api api, String code, long kg) {
        Api.Reply created = api.postJson("/api/v1/sink-projects", Json.createObjectBuilder()
                .add("code", code).add("nameZh", "测试林 " + code).add("nameEn", "Test forest " + code)
                .add("county", "雨城区").add("standard", "Local pilot").add("methodology", "AR-CM-001")
                .add("areaMu", 1200.5).add("unitPriceFenPerTonne", 8000).build().toString(), api.token("officer"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Reply issued = api.postJson("/api/v1/sink-projects/" + code + "/issuances",
                "{\"vintage\":2024,\"quantityKg\":" + kg + "}", api.token("officer"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json();
    }

    public static long number(String serial) {
        return Long.parseLong(serial.substring(serial.length() - 10));
    }

    /** The serial ranges of retirements as [first, last] numbers, in ascending order. */
    public static List<long[]> ranges(Iterable<JsonObject> retirements) {
        List<long[]> ranges = new ArrayList<>();
        for (JsonObject r : retirements) {
            for (JsonValue v : r.getJsonArray("serialRanges")) {
                ranges.add(new long[]{number(v.asJsonObject().getString("first")), number(v.asJsonObject().getString("last"))});
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        return ranges;
    }

    public static void assertDisjoint(Iterable<JsonObject> retirements) {
        List<long[]> ranges = ranges(retirements);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).as("serial ranges are disjoint").isGreaterThan(ranges.get(i - 1)[1]);
        }
    }

    /** The retirements' ranges are disjoint and together cover the issuance exactly, with no gap. */
    public static void assertCoverExactly(Iterable<JsonObject> retirements, JsonObject issuance) {
        long next = number(issuance.getString("first"));
        for (long[] range : ranges(retirements)) {
            assertThat(range[0]).as("ranges are disjoint and leave no gap").isEqualTo(next);
            next = range[1] + 1;
        }
        assertThat(next - 1).isEqualTo(number(issuance.getString("last")));
    }
}
