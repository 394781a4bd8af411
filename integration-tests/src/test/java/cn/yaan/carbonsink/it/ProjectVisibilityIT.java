package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test project is kept out of everything public: the project list, the registry's retirements, the units an order
 * for any project takes, the transparency page; marked public again it is back. The demo data's projects say so.
 */
@ServerIT
class ProjectVisibilityIT {

    private final Api api = Api.server();

    private Api.Reply visibility(String code, String visibility) {
        return api.send(Api.authorized(api.request("/api/v1/sink-projects/" + code + "/visibility")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"visibility\":\"" + visibility + "\"}")), api.token("officer")));
    }

    /** An order of 1 kg for any project, by a citizen of its own (the limits on unpaid holds are per account). */
    private JsonObject anyProjectOrder(String citizen) {
        Api.Reply order = api.postJson("/api/v1/orders", "{\"quantityKg\":1}", citizen);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        return order.json();
    }

    private void cancel(JsonObject order, String citizen) {
        Api.Reply cancelled = api.send(Api.authorized(api.request("/api/v1/orders/" + order.getJsonNumber("id"))
                .DELETE(), citizen));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    }

    private long reservedKg(String code) {
        return api.get("/api/v1/public/sink-projects/" + code).json().getJsonNumber("reservedKg").longValue();
    }

    @Test
    void aTestProjectIsKeptOutOfEverythingPublicUntilItIsMarkedPublicAgain() {
        String code = TestProjects.newCode();
        String officer = api.token("officer");
        assertThat(api.postJson("/api/v1/sink-projects", Json.createObjectBuilder().add("code", code)
                .add("nameZh", "试运行林 " + code).add("nameEn", "Trial forest " + code).add("county", "雨城区")
                .add("standard", "Local pilot").add("methodology", "AR-CM-001").add("areaMu", 10)
                .add("unitPriceFenPerTonne", 8000).build().toString(), officer).status()).isEqualTo(201);
        // The oldest vintage there is, so an order for any project takes these units first while they are public.
        assertThat(api.postJson("/api/v1/sink-projects/" + code + "/issuances", "{\"vintage\":2000,\"quantityKg\":1000}",
                officer).status()).isEqualTo(201);
        JsonObject retired = api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 7).add("beneficiary", "试运行").add("purpose", "DIRECT").build().toString(), officer).json();
        String retirement = retired.getJsonNumber("id").toString();
        String citizen = TestCitizens.registered(api).token();
        JsonObject first = anyProjectOrder(citizen);
        assertThat(reservedKg(code)).as("public: an order for any project takes its units").isEqualTo(1);
        cancel(first, citizen);
        assertThat(api.get("/api/v1/public/sink-projects/" + code).json().getString("visibility")).isEqualTo("PUBLIC");

        Api.Reply marked = visibility(code, "TEST");
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/public/sink-projects").body()).doesNotContain(code);
        assertThat(api.get("/api/v1/public/sink-projects/" + code).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/public/retirements?page=0&size=100").body()).doesNotContain("\"id\":" + retirement + ",");
        JsonObject second = anyProjectOrder(citizen);
        assertThat(api.get("/transparency.xhtml").body()).doesNotContain(code);
        assertThat(api.get("/registry.xhtml").body()).doesNotContain(code);
        // Officers still act on it.
        assertThat(api.postJson("/api/v1/sink-projects/" + code + "/issuances", "{\"vintage\":2001,\"quantityKg\":10}",
                officer).status()).isEqualTo(201);

        assertThat(visibility(code, "PUBLIC").status()).isEqualTo(200);
        assertThat(reservedKg(code)).as("while a test project, its units were not taken for any project").isZero();
        cancel(second, citizen);
        assertThat(api.get("/api/v1/public/sink-projects").body()).contains(code);
        assertThat(api.get("/api/v1/public/retirements?page=0&size=100").body()).contains("\"id\":" + retirement + ",");
        assertThat(visibility(code, "SECRET").status()).isEqualTo(400);
    }

    @Test
    void theDemoDataIsMarkedAsDemo() {
        assertThat(api.get("/api/v1/public/sink-projects/YA-FM-01").json().getString("visibility")).isEqualTo("DEMO");
        assertThat(api.get("/transparency.xhtml").body()).contains("（演示数据）");
    }
}
