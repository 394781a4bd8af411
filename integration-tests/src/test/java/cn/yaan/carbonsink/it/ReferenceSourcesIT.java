package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sources the public API gives for its reference data name a publication and say what is an estimate; none
 * points at a document (migration V13 rewrote the texts of V5 and V6 that did). The values carried over into
 * versions (V26) are version 1 and marked as estimates.
 */
@ServerIT
class ReferenceSourcesIT {

    private final Api api = Api.server();

    @Test
    void speciesParametersNameTheirPublicationAndSayWhichAreEstimates() {
        List<JsonObject> species = rows("/api/v1/public/species");
        assertThat(species).hasSizeGreaterThanOrEqualTo(11)
                .allSatisfy(s -> citesNoFile(s.getString("source")))
                .allSatisfy(s -> assertThat(s.getString("source").startsWith("Estimate:"))
                        .as(s.toString()).isEqualTo(s.getBoolean("estimate")));
        // The values carried over from before versions are version 1, estimates, until an officer records a source.
        assertThat(species).filteredOn(s -> s.getString("nameZh").equals("杉木")).singleElement()
                .satisfies(s -> assertThat(s.getString("source"))
                        .isEqualTo("Estimate: CCER AR-CM-001-V01 (2013) default, recalled, unverified"))
                .satisfies(s -> assertThat(s.getInt("version")).isEqualTo(1));
    }

    @Test
    void travelFactorsInForceAreTheEstimatesCarriedOver() {
        assertThat(rows("/api/v1/public/travel-factors")).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(f -> assertThat(f.getBoolean("estimate")).as(f.toString()).isTrue())
                .allSatisfy(f -> assertThat(f.getInt("version")).isEqualTo(1));
    }

    @Test
    void travelFactorsNameTheirSource() {
        List<String> sources = sources("/api/v1/public/travel-factors");
        assertThat(sources).hasSizeGreaterThanOrEqualTo(7).allSatisfy(ReferenceSourcesIT::citesNoFile)
                .contains("Estimate: product default for a hotel night, pending a published Chinese factor",
                        "Estimate: product default for activities on site, pending a published Chinese factor");
    }

    private List<JsonObject> rows(String path) {
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.jsonArray().getValuesAs(JsonValue::asJsonObject);
    }

    private List<String> sources(String path) {
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.jsonArray().getValuesAs(JsonValue::asJsonObject).stream().map(o -> o.getString("source")).toList();
    }

    private static void citesNoFile(String source) {
        assertThat(source).isNotBlank().doesNotContainPattern("(?i)\\w+\\.(md|txt|pdf|docx?|xlsx?)\\b");
    }
}
