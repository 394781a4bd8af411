package cn.yaan.carbonsink.it.benchmark;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.ServerIT;
import cn.yaan.carbonsink.it.TestDatabase;
import cn.yaan.carbonsink.it.TestSites;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness (README: Benchmarks). Runs on the same configured server as the integration suite,
 * measures the trivial endpoint first as the server's ceiling, then each scenario with the same load generator in
 * the same run, and writes docs/BENCHMARKS.md. Figures are recorded, never asserted: only correctness is.
 */
@ServerIT
class ServerBenchmark {

    private static final Logger LOG = Logger.getLogger(ServerBenchmark.class.getName());
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 5));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    /**
     * Unrecorded rounds of all scenarios before the recorded one. On two cores shared with the load generator the
     * JIT needs minutes: after one round the ceiling still rose by 7-30 % between its first and last measurement.
     */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 2);
    /**
     * Only the scenarios whose name contains this text (and the ceiling, always), for re-measuring one path after a
     * change: {@code -Dbench.only=verification}. A partial run goes to {@code bench.output}, never over the full report.
     */
    private static final String ONLY = System.getProperty("bench.only", "");

    private final Api api = Api.server();

    record Row(String scenario, String request, LoadGenerator.Result result, String note) {
    }

    @Test
    void measureAndRecord() throws Exception {
        // A ticket checked in at the gate, and a slot for the booking storm. The server's clock is then moved into
        // the ticket's slot for the whole run (tokens are taken after the move).
        JsonObject gateSlot = TestSites.newSlot(api, "BFX", 10);
        String citizenBefore = api.token("citizen");
        JsonObject booking = api.postJson("/api/v1/bookings", TestSites.booking(gateSlot.getJsonNumber("id").longValue(), 2,
                TestSites.CAR_TRIP), citizenBefore).json();
        api.postJson("/api/v1/payments/" + booking.getString("paymentId") + "/simulated-confirmation", "", citizenBefore);
        String ticket = api.get("/api/v1/bookings/" + booking.getString("bookingNo") + "/ticket", citizenBefore).json().getString("qr");
        JsonObject stormSlot = TestSites.newSlot(api, "MDS", STORM_CAPACITY,
                Instant.parse(gateSlot.getString("start")).atZone(TestSites.CST).toLocalDate().plusDays(1));
        TestSites.clockAt(api, Instant.parse(gateSlot.getString("start")).plus(Duration.ofMinutes(5)));
        try {
            measureAndRecord(ticket, stormSlot);
        } finally {
            api.moveClock("PT0S");
        }
    }

    /**
     * Fewer places than the unpaid orders one account may hold on the test servers (1,000): the storm comes from one
     * citizen, so with more places the account's limit, not the slot, would answer once it is reached (409
     * pending-limit, each refusal queuing on the account's row lock), and the figure would not be the one named.
     */
    private static final int STORM_CAPACITY = 800;

    private void measureAndRecord(String ticket, JsonObject stormSlot) throws Exception {
        String token = api.login("officer", Api.DEMO_PASSWORD);
        String gate = "Bearer " + api.login("gate", Api.DEMO_PASSWORD);
        String citizen = "Bearer " + api.login("citizen", Api.DEMO_PASSWORD);
        String scan = jakarta.json.Json.createObjectBuilder().add("qr", ticket).add("gate", "东门").build().toString();
        Api.Reply admitted = api.send(Api.authorizedRequest(api.request("/api/v1/site/check-ins")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(scan)), gate.substring(7)));
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
        String bearer = "Bearer " + token;
        String project = "BENCH-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
        createProject(project, token);
        for (int p = 0; p < 8; p++) {
            createProject(project + "P" + p, token);
        }
        String retirement = "{\"projectCode\":\"" + project + "\",\"quantityKg\":10,\"beneficiary\":\"雅安茶业有限公司\","
                + "\"purpose\":\"DIRECT\"}";
        Api.Reply purchase = api.postJson("/api/v1/retirements", retirement, token);
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
        String certificate = purchase.json().getString("certificateNo");
        String scanned = api.get("/api/v1/public/certificates/" + certificate).json().getString("verifyUrl");
        String json = "application/json";

        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("ceiling: trivial JAX-RS GET", Scenario.get("/api/v1/public/ping"));
        scenarios.put("readiness (one database round trip)", Scenario.get("/api/v1/health/ready"));
        scenarios.put("who am I (bearer token lookup)",
                new Scenario("GET", "/api/v1/me", Wrk.headers("Authorization", bearer), null));
        scenarios.put("retirement of 10 kg (row locks, serial split, audit append, idempotency record, certificate)",
                new Scenario("POST", "/api/v1/retirements", Wrk.headers("Authorization", bearer, "Content-Type", json,
                        "Idempotency-Key", "{uuid}"), retirement));
        scenarios.put("retirements of 10 kg across 8 projects (each request the next project)",
                new Scenario("POST", "/api/v1/retirements", Wrk.headers("Authorization", bearer, "Content-Type", json,
                        "Idempotency-Key", "{uuid}"), retirement.replace(project, project + "P{n8}")));
        scenarios.put("public registry, newest 20 retirements", Scenario.get("/api/v1/public/retirements"));
        scenarios.put("serial lookup", Scenario.get("/api/v1/public/serials/" + project + "-2024-{n}"));
        scenarios.put("certificate verification, online (the QR text as scanned)",
                new Scenario("POST", "/api/v1/public/verifications", Wrk.headers("Content-Type", json),
                        jakarta.json.Json.createObjectBuilder().add("qr", scanned).build().toString()));
        scenarios.put("gate check-in (bearer token, ticket signature, booking and first check-in lookups; answers 409 ALREADY_CHECKED_IN)",
                new Scenario("POST", "/api/v1/site/check-ins", Wrk.headers("Authorization", gate, "Content-Type", json),
                        scan, List.of(409)));
        scenarios.put("booking storm on one slot of " + STORM_CAPACITY + " places (201 until full, then 409 slot-full)",
                new Scenario("POST", "/api/v1/bookings", Wrk.headers("Authorization", citizen, "Content-Type", json,
                        "Idempotency-Key", "{uuid}"), TestSites.booking(stormSlot.getJsonNumber("id").longValue(), 1,
                        TestSites.CAR_TRIP), List.of(201, 409)));
        scenarios.put("certificate QR code, PNG 360 px", Scenario.get("/api/v1/public/certificates/" + certificate + "/qr.png"));
        scenarios.put("certificate PDF (A4, embedded CJK font subset, QR)",
                Scenario.get("/api/v1/public/certificates/" + certificate + "/pdf"));
        // The ceiling is measured first and again last (the JIT is warmer by then); the higher figure is the ceiling.
        scenarios.put("ceiling again, at the end", Scenario.get("/api/v1/public/ping"));
        if (!ONLY.isEmpty()) {
            assertThat(System.getProperty("bench.output")).as("a partial run needs -Dbench.output").isNotNull();
            scenarios.keySet().removeIf(name -> !name.startsWith("ceiling") && !name.contains(ONLY));
        }

        // The first rounds warm every code path (the JIT keeps compiling for minutes); only the last is recorded.
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
                LOG.info("Warm-up round " + round + ": " + scenario.getKey());
                run(scenario.getValue());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
            LOG.info("Benchmark: " + scenario.getKey());
            Scenario sc = scenario.getValue();
            LoadGenerator.Result result = run(sc);
            rows.add(new Row(scenario.getKey(), sc.method() + " " + sc.path().replace(certificate, "{no}")
                    .replace(project + "-2024-{n}", "{serial}"), result, ""));
            assertThat(result.errors()).as(scenario.getKey() + " errors").isZero();
        }
        double ceiling = Math.max(rows.get(0).result().perSecond(), rows.get(rows.size() - 1).result().perSecond());
        write(rows, ceiling);

        // Correctness after the load: the chain verifies and the project's inventory adds up.
        assertThat(api.get("/api/v1/ledger/verification", api.token("admin")).json().getBoolean("ok")).isTrue();
        var figures = api.get("/api/v1/public/sink-projects/" + project).json();
        assertThat(figures.getJsonNumber("availableKg").longValue() + figures.getJsonNumber("retiredKg").longValue())
                .isEqualTo(figures.getJsonNumber("issuedKg").longValue());
        // The storm filled its slot exactly: as many places booked as bookings hold, never more than the capacity.
        try (var db = TestDatabase.connect(); var q = db.prepareStatement("select s.booked, s.capacity, "
                + "(select count(*) from booking b where b.slot_id = s.id and b.status in ('HELD', 'CONFIRMED')) "
                + "from visit_slot s where s.id = ?")) {
            q.setLong(1, stormSlot.getJsonNumber("id").longValue());
            var rs = q.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("places booked").isEqualTo(rs.getInt(3)).isLessThanOrEqualTo(rs.getInt(2));
        }
    }

    private LoadGenerator.Result run(Scenario scenario) throws Exception {
        return Wrk.available()
                ? Wrk.run(api.baseUrl(), CONNECTIONS, WARM_UP, MEASURE, scenario)
                : LoadGenerator.run(CONNECTIONS, WARM_UP, MEASURE, scenario::request, scenario::acceptable);
    }

    /**
     * One kind of request, as wrk's Lua script and the Java fallback both make it: {@code {n}} in the path is a
     * running number (10 digits, 1 to 100000), {@code {uuid}} in a header a value unique to the request, {@code {n8}}
     * in the body the running number modulo 8.
     */
    record Scenario(String method, String path, Map<String, String> headers, String body, List<Integer> expected) {
        Scenario(String method, String path, Map<String, String> headers, String body) {
            this(method, path, headers, body, List.of());
        }

        static Scenario get(String path) {
            return new Scenario("GET", path, Map.of(), null);
        }

        /** Whether an answer's status is what this scenario expects (any 2xx/3xx unless listed). */
        boolean acceptable(int status) {
            return expected.isEmpty() ? status < 400 : expected.contains(status);
        }

        HttpRequest request(int n) {
            HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(System.getProperty("it.base-url")
                    + path.replace("{n}", String.format("%010d", 1 + n % 100_000)))).timeout(Duration.ofSeconds(30));
            headers.forEach((k, v) -> b.header(k, v.replace("{uuid}", UUID.randomUUID().toString())));
            return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace("{n8}", String.valueOf(n % 8)),
                    java.nio.charset.StandardCharsets.UTF_8)).build();
        }
    }

    /** A project with 20,000,000 kg to retire from: more than the scenario can take at any plausible rate. */
    private void createProject(String code, String officer) {
        Api.Reply created = api.postJson("/api/v1/sink-projects", "{\"code\":\"" + code + "\",\"nameZh\":\"基准测试林\","
                + "\"nameEn\":\"Benchmark forest\",\"county\":\"雨城区\",\"standard\":\"Local pilot\","
                + "\"methodology\":\"AR\",\"areaMu\":1000,\"unitPriceFenPerTonne\":8000}", officer);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Reply issued = api.postJson("/api/v1/sink-projects/" + code + "/issuances",
                "{\"vintage\":2024,\"quantityKg\":20000000}", officer);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    private void write(List<Row> rows, double ceiling) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by the benchmark harness; do not edit by hand. Re-run with the command in README (Benchmarks).\n\n");
        md.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append('\n');
        md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(" (load generator and server)\n");
        md.append("- Server: WildFly 39.0.1.Final, configuration of the integration suite (")
                .append(System.getProperty("it.db", "h2")).append(" database), one node\n");
        md.append("- Load: ").append(CONNECTIONS).append(" connections, closed loop (each sends its next request when ")
                .append("the previous answer arrived), ").append(WARM_UP.toSeconds()).append(" s warm-up and ")
                .append(MEASURE.toSeconds()).append(" s measured per scenario, after ").append(WARM_UP_ROUNDS)
                .append(" rounds of all scenarios that are not recorded (they warm the JIT), generated by ")
                .append(Wrk.available() ? "wrk (Debian's, " + Runtime.getRuntime().availableProcessors() + " threads)"
                        : "the Java fallback (wrk is not installed; a Java client costs the server CPU it shares, so "
                        + "its ceiling is lower)")
                .append(". The load generator runs on the same machine and shares its cores with the server, so read the figures as ")
                .append("ratios to the ceiling measured in the same run (first and last; the higher of the two is ")
                .append("the ceiling). Retirements draw on one project, then on 8 in turn; all append to one audit chain.\n\n");
        md.append("| scenario | request | requests/s | p50 ms | p99 ms | errors | ratio to ceiling |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            LoadGenerator.Result r = row.result();
            md.append(String.format(Locale.ROOT, "| %s | `%s` | %.0f | %.2f | %.2f | %d | %.2f |%n", row.scenario(),
                    row.request(), r.perSecond(), r.p50Millis(), r.p99Millis(), r.errors(), r.perSecond() / ceiling));
        }
        md.append("\nThe gate and booking scenarios run with the server's clock moved into the ticket's slot. The gate ")
                .append("scenario scans one ticket already admitted (every answer is the 409 refusal, the full check but ")
                .append("the insert); the booking storm's slot fills during the warm-up round, so its figure is mostly ")
                .append("slot-full refusals, answered from the slot before any unit is held (each request still claims ")
                .append("its Idempotency-Key, which the refusal rolls back).\n");
        Path jmh = Path.of("../ejb/target/jmh.md");
        if (Files.exists(jmh)) {
            md.append("\n## In-process figures (JMH)\n\n").append("The code behind the certificate and ticket ")
                    .append("endpoints, measured alone by JMH in the same run (`CodeBenchmarkRunner`, one fork, 3 x 1 s ")
                    .append("warm-up, 5 x 1 s measured, one thread):\n\n").append(Files.readString(jmh));
        }
        Path file = Path.of(System.getProperty("bench.output", "../docs/BENCHMARKS.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
        LOG.info("Wrote " + file.toAbsolutePath().normalize() + "\n" + md);
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB memory", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return "unknown memory";
    }

}
