package cn.yaan.carbonsink.it;

import jakarta.json.Json;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Citizens the tests register for themselves, so that what one test holds never limits another. */
public final class TestCitizens {

    public static final String PASSWORD = "Yaan#Forest-2026";

    private TestCitizens() {
    }

    /** A citizen a test registered: its username (to sign in again after the clock moved) and a bearer token. */
    public record Citizen(String username, String token) {
    }

    /** Registers a new adult citizen and returns a bearer token for it. */
    public static String register(Api api) {
        return registered(api).token();
    }

    /** Registers a new adult citizen. */
    public static Citizen registered(Api api) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String username = "t" + Long.toString(random.nextLong(Long.MAX_VALUE), 36);
        String body = Json.createObjectBuilder().add("username", username).add("name", "测试公民")
                .add("idNumber", PublicDutyIT.idNumber(PublicDutyIT.agedInYear(30), random.nextBoolean()))
                .add("phone", "139" + String.format("%08d", random.nextInt(100_000_000)))
                .add("password", PASSWORD).add("consent", true).build().toString();
        // Each registration comes from an address of its own (the test servers trust X-Forwarded-For from loopback),
        // as citizens registering from their own phones would.
        Api.Reply reply = api.send(api.request("/api/v1/public/citizens").header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return new Citizen(username, api.login(username, PASSWORD));
    }
}
