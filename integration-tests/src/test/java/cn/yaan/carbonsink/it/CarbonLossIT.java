package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The carbon-loss calculation on the real server, from the species reference data in the database. */
@ServerIT
class CarbonLossIT {

    private final Api api = Api.server();

    @Test
    void theWorkedExampleOfDomainMdFromTheReferenceData() {
        Api.Reply reply = api.postJson("/api/v1/public/carbon-loss", "{\"damage\":[{\"species\":\"杉木\",\"volumeM3\":10}]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getJsonNumber("carbonLossKg").longValue()).isEqualTo(11_917);
        assertThat(answer.getJsonNumber("purchaseKg").longValue()).isEqualTo(11_917);
        assertThat(answer.getJsonArray("calculation").getString(0))
                .contains("杉木: 10 m3 x 0.307 x 1.634 x (1 + 0.246) x 0.52 x 44/12 = 11.917 tCO2e", "CCER");
    }

    @Test
    void severalItemsAndAMultiplier() {
        JsonObject answer = api.postJson("/api/v1/public/carbon-loss", "{\"damage\":[{\"species\":\"云杉\",\"volumeM3\":1},"
                + "{\"species\":\"栎类\",\"volumeM3\":0.5}],\"multiplier\":1.5}").json();
        assertThat(answer.getJsonNumber("carbonLossKg").longValue()).isEqualTo(2_471);
        assertThat(answer.getJsonNumber("purchaseKg").longValue()).isEqualTo(3_707); // 3,706.5 rounded half up
        assertThat(answer.getJsonArray("calculation")).hasSize(3);
    }

    @Test
    void anUnknownSpeciesIsNamedInTheProblem() {
        JsonObject problem = ErrorsIT.problem(api.postJson("/api/v1/public/carbon-loss",
                "{\"damage\":[{\"species\":\"杉木\",\"volumeM3\":1},{\"species\":\"竹子\",\"volumeM3\":1}]}"), 400);
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("damage[1].species");
        assertThat(problem.getString("detail")).contains("竹子", "杉木");
        ErrorsIT.problem(api.postJson("/api/v1/public/carbon-loss", "{\"damage\":[{\"species\":\"杉木\",\"volumeM3\":0}]}"), 400);
        ErrorsIT.problem(api.postJson("/api/v1/public/carbon-loss", "{\"damage\":[]}"), 400);
    }

    @Test
    void theSpeciesListShowsItsSources() {
        assertThat(api.get("/api/v1/public/species").jsonArray()).hasSizeGreaterThanOrEqualTo(11)
                .allSatisfy(s -> assertThat(s.asJsonObject().getString("source")).isNotBlank());
    }
}
