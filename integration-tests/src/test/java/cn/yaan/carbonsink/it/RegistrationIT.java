package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration tells nobody whether a resident ID number is registered: a taken username and a registered number
 * get the same answer, whatever the other field holds. And one address may try only so many registrations.
 */
@ServerIT
class RegistrationIT {

    /** The demo citizen's ID number: registered. */
    private static final String REGISTERED_ID = "511802199005120019";

    private final Api api = Api.server();

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.19." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static String unregisteredId() {
        return TestCitizens.idNumber(LocalDate.of(1950 + ThreadLocalRandom.current().nextInt(50), 3, 3));
    }

    private Api.Reply register(String username, String idNumber, String address) {
        return api.send(api.request("/api/v1/public/citizens").header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                        .add("name", "王五").add("idNumber", idNumber).add("phone", "13912345678")
                        .add("password", "Plant3Trees").add("consent", true).build().toString())));
    }

    /** What a client can see of an answer: status, content type and body. */
    private static String seen(Api.Reply reply) {
        return reply.status() + " " + reply.contentType() + " " + reply.body();
    }

    @Test
    void aRegisteredIdNumberAndATakenUsernameGetOneAndTheSameAnswer() {
        String address = address();
        Api.Reply takenUnknown = register("citizen", unregisteredId(), address);
        Api.Reply takenRegistered = register("citizen", REGISTERED_ID, address);
        Api.Reply freeRegistered = register(PublicDutyIT.username(), REGISTERED_ID, address);

        JsonObject problem = ErrorsIT.problem(takenUnknown, 409);
        assertThat(problem.getString("type")).endsWith("/registration-refused");
        assertThat(problem.getString("detail")).contains("log in");
        assertThat(seen(takenRegistered)).isEqualTo(seen(takenUnknown));
        assertThat(seen(freeRegistered)).isEqualTo(seen(takenUnknown));
        assertThat(takenRegistered.body()).doesNotContain(REGISTERED_ID).doesNotContain("citizen-registered");
    }

    @Test
    void oneAddressMayTryOnlySoManyRegistrations() {
        String address = address();
        Api.Reply reply = null;
        int tried = 0;
        // Each attempt names a registered number: an ID-number prober's request, refused without creating anything.
        while (tried < 500) {
            reply = register("citizen", REGISTERED_ID, address);
            tried++;
            if (reply.status() != 409) {
                break;
            }
        }
        ErrorsIT.problem(reply, 429);
        assertThat(tried).as("attempts before the limit").isGreaterThan(1);
        assertThat(Long.parseLong(reply.header("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(register(PublicDutyIT.username(), unregisteredId(), address).status())
                .as("a genuine registration from the same address waits too").isEqualTo(429);
        Api.Reply elsewhere = register(PublicDutyIT.username(), unregisteredId(), address());
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
    }
}
