package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The industry scheme (碳汇+工业消纳): enterprises and public bodies register with their unified social credit code,
 * an officer approves or rejects them once, and their administrator adds the members who act for them.
 */
@ServerIT
class IndustryIT {

    private final Api api = Api.server();

    @Test
    void anEnterpriseRegistersIsApprovedAndAddsABuyer() {
        String admin = PublicDutyIT.username();
        String code = TestOrganisations.enterpriseCode();
        Api.Reply registered = TestOrganisations.register(api, TestOrganisations.registration(code, admin));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonObject org = registered.json();
        assertThat(org.getString("code")).isEqualTo(code);
        assertThat(org.getString("kind")).isEqualTo("ENTERPRISE");
        assertThat(org.getString("status")).isEqualTo("PENDING");
        assertThat(org.getString("countyName")).isEqualTo("雨城区");
        assertThat(org.getString("contactName")).isNotEqualTo("刘德明").startsWith("刘");
        assertThat(org.getString("contactPhone")).isNotEqualTo("13712345678").startsWith("137");
        assertThat(registered.body()).doesNotContain("刘德明").doesNotContain("13712345678");
        assertThat(registered.header("Location").orElseThrow()).endsWith("/api/v1/organisation");

        String token = api.login(admin, TestOrganisations.PASSWORD);
        assertThat(api.get("/api/v1/organisation", token).json().getString("status")).isEqualTo("PENDING");
        String buyer = PublicDutyIT.username();
        String member = Json.createObjectBuilder().add("username", buyer).add("password", TestOrganisations.PASSWORD)
                .add("displayName", "采购 小李").add("role", "ORG_BUYER").build().toString();
        JsonObject early = ErrorsIT.problem(api.postJson("/api/v1/organisation/members", member, token), 409);
        assertThat(early.getString("type")).endsWith("/organisation-not-approved");

        List<String> queue = api.get("/api/v1/organisation-registrations", api.token("officer")).jsonArray()
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("code")).toList();
        assertThat(queue).contains(code);
        JsonObject approved = api.postJson("/api/v1/organisation-registrations/" + code + "/approval", "",
                api.token("officer")).json();
        assertThat(approved.getString("status")).isEqualTo("APPROVED");
        assertThat(approved.containsKey("decidedAt")).isTrue();
        JsonObject twice = ErrorsIT.problem(api.postJson("/api/v1/organisation-registrations/" + code + "/approval",
                "", api.token("officer")), 409);
        assertThat(twice.getString("type")).endsWith("/registration-decided");
        assertThat(api.get("/api/v1/organisation-registrations?status=APPROVED", api.token("officer")).jsonArray()
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("code"))).contains(code);

        Api.Reply added = api.postJson("/api/v1/organisation/members", member, token);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().getJsonArray("members").getValuesAs(JsonObject.class))
                .anySatisfy(m -> {
                    assertThat(m.getString("username")).isEqualTo(buyer);
                    assertThat(m.getJsonArray("roles").getString(0)).isEqualTo("ORG_BUYER");
                })
                .anySatisfy(m -> assertThat(m.getString("username")).isEqualTo(admin));

        String buyerToken = api.login(buyer, TestOrganisations.PASSWORD);
        assertThat(api.get("/api/v1/organisation", buyerToken).json().getString("code")).isEqualTo(code);
        assertThat(api.postJson("/api/v1/organisation/members", member, buyerToken).status())
                .as("a buyer adds no members").isEqualTo(403);
        assertThat(api.get("/api/v1/me", buyerToken).status()).as("a member is a signed-in user").isEqualTo(200);
    }

    @Test
    void aPublicBodyIsRejectedWithAReasonAndCannotAct() {
        String admin = PublicDutyIT.username();
        String code = TestOrganisations.publicBodyCode();
        JsonObject org = TestOrganisations.register(api, TestOrganisations.registration(code, admin)).json();
        assertThat(org.getString("kind")).isEqualTo("PUBLIC_BODY");

        ErrorsIT.problem(api.postJson("/api/v1/organisation-registrations/" + code + "/rejection", "{\"reason\":\"\"}",
                api.token("officer")), 400);
        JsonObject rejected = api.postJson("/api/v1/organisation-registrations/" + code + "/rejection",
                "{\"reason\":\"营业执照上的名称与填写的名称不一致\"}", api.token("officer")).json();
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");

        String token = api.login(admin, TestOrganisations.PASSWORD);
        JsonObject mine = api.get("/api/v1/organisation", token).json();
        assertThat(mine.getString("decisionReason")).isEqualTo("营业执照上的名称与填写的名称不一致");
        String member = Json.createObjectBuilder().add("username", PublicDutyIT.username())
                .add("password", TestOrganisations.PASSWORD).add("role", "ORG_BUYER").build().toString();
        ErrorsIT.problem(api.postJson("/api/v1/organisation/members", member, token), 409);
        ErrorsIT.problem(api.postJson("/api/v1/organisation-registrations/" + code + "/approval", "",
                api.token("officer")), 409);
    }

    @Test
    void aCodeIsCheckedAndRegisteredOnce() {
        String code = TestOrganisations.enterpriseCode();
        String wrongCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        JsonObject bad = ErrorsIT.problem(TestOrganisations.register(api,
                TestOrganisations.registration(wrongCheck, PublicDutyIT.username())), 400);
        assertThat(bad.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("creditCode");
        assertThat(bad.getString("detail")).contains("check character").doesNotContain(wrongCheck);

        JsonObject forbidden = ErrorsIT.problem(TestOrganisations.register(api,
                TestOrganisations.registration(code.substring(0, 16) + "O" + code.charAt(17), PublicDutyIT.username())), 400);
        assertThat(forbidden.getString("detail")).contains("I, O, Z, S, V");

        JsonObject everything = ErrorsIT.problem(TestOrganisations.register(api, "{\"creditCode\":\"9151\","
                + "\"county\":\"510100\",\"contactPhone\":\"12345\",\"username\":\"x\",\"password\":\"short\"}"), 400);
        assertThat(everything.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList())
                .contains("creditCode", "name", "county", "contactName", "contactPhone", "username", "password", "consent");

        String first = PublicDutyIT.username();
        assertThat(TestOrganisations.register(api, TestOrganisations.registration(code, first)).status()).isEqualTo(201);
        JsonObject again = ErrorsIT.problem(TestOrganisations.register(api,
                TestOrganisations.registration(code, PublicDutyIT.username())), 409);
        assertThat(again.getString("type")).endsWith("/organisation-registered");
        JsonObject taken = ErrorsIT.problem(TestOrganisations.register(api,
                TestOrganisations.registration(TestOrganisations.enterpriseCode(), first)), 409);
        assertThat(taken.getString("type")).endsWith("/username-taken");
    }

    @Test
    void theDemoEnterpriseIsApprovedAndItsAccountActsForIt() {
        JsonObject mine = api.get("/api/v1/organisation", api.token("enterprise")).json();
        assertThat(mine.getString("code")).isEqualTo("91511802MA6YA00012");
        assertThat(mine.getString("status")).isEqualTo("APPROVED");
        assertThat(mine.getJsonArray("members").getJsonObject(0).getJsonArray("roles").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .containsExactly("ORG_ADMIN", "ORG_BUYER");
        assertThat(api.get("/api/v1/organisation", api.token("citizen")).status()).isEqualTo(403);
        ErrorsIT.problem(api.postJson("/api/v1/organisation-registrations/NOSUCHCODE/approval", "",
                api.token("officer")), 404);
    }
}
