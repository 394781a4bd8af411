package cn.yaan.carbonsink.it;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sources the public API gives for its reference data name a publication and say what is an estimate; none
 * points at a document (migration V13 rewrote the texts of V5 and V6 that did).
 */
@ServerIT
class ReferenceSourcesIT {

    private final Api api = Api.server();

    @Test
    void speciesParametersNameTheirPublicationAsAnEstimate() {
        List<String> sources = sources("/api/v1/public/species");
        assertThat(sources).hasSizeGreaterThanOrEqualTo(11).allSatisfy(ReferenceSourcesIT::citesNoFile)
                .allSatisfy(s -> assertThat(s).startsWith("Estimate:"))
                .contains("Estimate: CCER AR-CM-001-V01 (2013) default, recalled, unverified");
    }

    @Test
    void travelFactorsNameTheirSource() {
        List<String> sources = sources("/api/v1/public/travel-factors");
        assertThat(sources).hasSizeGreaterThanOrEqualTo(7).allSatisfy(ReferenceSourcesIT::citesNoFile)
                .contains("Estimate: product default for a hotel night, pending a published Chinese factor",
                        "Estimate: product default for activities on site, pending a published Chinese factor");
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
