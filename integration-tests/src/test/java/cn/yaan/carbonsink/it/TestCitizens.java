package cn.yaan.carbonsink.it;

import jakarta.json.Json;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
        return registered(api, phone());
    }

    /** A mobile number at random (mainland format). */
    public static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** Registers a new adult citizen with this mobile number. */
    public static Citizen registered(Api api, String phone) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String username = "t" + Long.toString(random.nextLong(Long.MAX_VALUE), 36);
        String body = Json.createObjectBuilder().add("username", username).add("name", "测试公民")
                .add("idNumber", idNumber(agedInYear(30), random.nextBoolean()))
                .add("phone", phone)
                .add("password", PASSWORD).add("consent", true).build().toString();
        // Each registration comes from an address of its own (the test servers trust X-Forwarded-For from loopback),
        // as citizens registering from their own phones would.
        Api.Reply reply = api.send(api.request("/api/v1/public/citizens").header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return new Citizen(username, api.login(username, PASSWORD));
    }

    /** ID numbers this test run has handed out: a run registers hundreds of citizens, and each needs its own. */
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    /** A valid resident ID number (GB 11643) for a birth date, of a woman or a man at random. */
    public static String idNumber(LocalDate birth) {
        return idNumber(birth, ThreadLocalRandom.current().nextBoolean());
    }

    /**
     * A valid resident ID number of a woman (even 17th digit) or a man (odd), never the same twice in a run; the
     * county code varies too, so that numbers from earlier runs on the same database are unlikely to come back.
     */
    public static String idNumber(LocalDate birth, boolean female) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String county = String.format("5118%02d", random.nextInt(100));
            String sequence = String.format("%03d", random.nextInt(500) * 2 + (female ? 0 : 1));
            String id = IdNumbers.withCheck(county + birth.toString().replace("-", "") + sequence);
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }

    /** A birth date that makes the holder {@code age} on 31 December of this year (China Standard Time). */
    public static LocalDate agedInYear(int age) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return LocalDate.of(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - age, 1 + random.nextInt(12),
                1 + random.nextInt(28));
    }
}
