package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Enterprises and public bodies registered as anyone registers them, with fresh unified social credit codes. */
public final class TestOrganisations {

    public static final String PASSWORD = "Offset#Trees-26";
    private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private TestOrganisations() {
    }

    /** A fresh code of the market regulator's (9) enterprise type (1) in 雨城区, with its GB 32100 check character. */
    public static String enterpriseCode() {
        return code("91511802");
    }

    /** A fresh code of a public institution (机构编制 1, 事业单位 2) in 名山区. */
    public static String publicBodyCode() {
        return code("12511803");
    }

    private static String code(String head) {
        StringBuilder body = new StringBuilder(head);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (body.length() < 17) {
            body.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        return body.append(check(body.toString())).toString();
    }

    public static char check(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CHARS.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return CHARS.charAt((31 - sum % 31) % 31);
    }

    /** A fresh username. */
    public static String username() {
        return "o" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    public static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public static String registration(String code, String username) {
        return Json.createObjectBuilder().add("creditCode", code).add("name", "雅安测试碳中和有限公司")
                .add("county", "511802").add("contactName", "刘德明").add("contactPhone", "13712345678")
                .add("username", username).add("password", PASSWORD).add("consent", true).build().toString();
    }

    public static Api.Reply register(Api api, String body) {
        return api.send(api.request("/api/v1/public/organisations").header("Content-Type", "application/json")
                .header("X-Forwarded-For", address()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A PENDING organisation registered by {@code username}; its code. */
    public static String pending(Api api, String username) {
        String code = enterpriseCode();
        Api.Reply reply = register(api, registration(code, username));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return code;
    }

    /** An approved organisation registered by {@code username}; its code. */
    public static String approved(Api api, String username) {
        String code = pending(api, username);
        JsonObject approved = api.postJson("/api/v1/organisation-registrations/" + code + "/approval", "",
                api.token("officer")).json();
        assertThat(approved.getString("status")).isEqualTo("APPROVED");
        return code;
    }
}
