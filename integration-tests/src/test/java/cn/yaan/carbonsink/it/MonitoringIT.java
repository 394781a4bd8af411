package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator watches: the application's counters in Prometheus' format ({@code GET /api/v1/metrics}), counted
 * as the platform acts and readable only with the scrape token or as an administrator; and the server's own
 * readiness probe on the management port.
 */
@ServerIT
class MonitoringIT {

    private final Api api = Api.server();

    private static final String SCRAPE_TOKEN = "it-metrics-token";

    private String scrape() {
        Api.Reply reply = api.get("/api/v1/metrics", SCRAPE_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        return reply.body();
    }

    /** A counter's value in a scrape, summed over its series with {@code label} (every series when null); 0 if none. */
    static double counter(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            if (label == null || m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static double delta(String before, String after, String name, String label) {
        return counter(after, name, label) - counter(before, name, label);
    }

    @Test
    void theCountersCountWhatThePlatformDid() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String citizen = api.token("citizen");
        String before = scrape();

        JsonObject paid = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":10}", citizen)
                .json();
        Api.Reply payment = api.postJson("/api/v1/payments/" + paid.getString("paymentId") + "/simulated-confirmation",
                "", citizen);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(200);
        JsonObject cancelled = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":10}",
                citizen).json();
        assertThat(api.send(Api.authorized(api.request("/api/v1/orders/" + cancelled.getJsonNumber("id"))
                .DELETE(), citizen)).status()).isEqualTo(200);
        Api.Reply retired = api.postJson("/api/v1/retirements", "{\"projectCode\":\"" + code + "\",\"quantityKg\":5,"
                + "\"beneficiary\":\"雅安茶业有限公司\",\"purpose\":\"DIRECT\"}", api.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        assertThat(api.postJson("/api/v1/public/verifications", "{\"qr\":\"not a certificate\"}").status())
                .isEqualTo(200);
        ErrorsIT.problem(api.postJson("/api/v1/site/check-ins", "{\"qr\":\"not a ticket\",\"gate\":\"东门\"}",
                api.token("gate")), 422);
        // A refused request changes nothing and counts nothing.
        ErrorsIT.problem(api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":100000}",
                citizen), 409);

        String after = scrape();
        assertThat(delta(before, after, "carbonsink_orders_total", "event=\"created\"")).isEqualTo(2);
        assertThat(delta(before, after, "carbonsink_orders_total", "event=\"paid\"")).isEqualTo(1);
        assertThat(delta(before, after, "carbonsink_orders_total", "event=\"cancelled\"")).isEqualTo(1);
        assertThat(delta(before, after, "carbonsink_payments_total", "outcome=\"paid\"")).isEqualTo(1);
        assertThat(delta(before, after, "carbonsink_retirements_total", null)).isEqualTo(2);
        assertThat(delta(before, after, "carbonsink_retirements_total", "purpose=\"direct\"")).as("a citizen's "
                + "purchase is direct too").isEqualTo(2);
        assertThat(delta(before, after, "carbonsink_verifications_total", "verdict=\"malformed\"")).isEqualTo(1);
        assertThat(delta(before, after, "carbonsink_checkins_total", "verdict=\"invalid_signature\"")).isEqualTo(1);

        // The expiry job runs every 10 seconds and releases an order whose time ran out.
        JsonObject expiring = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":10}",
                citizen).json();
        try {
            api.moveClock("PT16M");
            Instant deadline = Instant.now().plusSeconds(60);
            while (!"EXPIRED".equals(api.get("/api/v1/orders/" + expiring.getJsonNumber("id"), api.token("citizen"))
                    .json().getString("status"))) {
                assertThat(Instant.now()).as("the order expired within a minute").isBefore(deadline);
                Thread.sleep(500);
            }
        } finally {
            api.moveClock("PT0S");
        }
        String expired = scrape();
        assertThat(delta(after, expired, "carbonsink_orders_total", "event=\"expired\"")).isGreaterThanOrEqualTo(1);
        assertThat(delta(after, expired, "carbonsink_job_runs_total", "job=\"reservation-expiry\"")).isGreaterThan(0);
    }

    @Test
    void theCountersAreForTheScraperAndAdministratorsOnly() {
        assertThat(ErrorsIT.problem(api.get("/api/v1/metrics"), 401).getString("detail"))
                .contains("CARBONSINK_METRICS_TOKEN");
        ErrorsIT.problem(api.get("/api/v1/metrics", "not-the-scrape-token"), 401);
        ErrorsIT.problem(api.get("/api/v1/metrics", api.token("citizen")), 403);
        Api.Reply admin = api.get("/api/v1/metrics", api.token("admin"));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("# TYPE carbonsink_job_runs_total counter");
    }

    /** WildFly's own probe, on the management port moved by the offset (README, Health). */
    @Test
    void theServersReadinessProbeOnTheManagementPortSaysTheApplicationIsDeployed() {
        Api management = new Api("http://localhost:" + System.getProperty("it.management.port"));
        Api.Reply ready = management.send(management.request("/health/ready").GET());
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(ready.json().getJsonArray("checks").getValuesAs(JsonObject.class)).anySatisfy(check -> {
            assertThat(check.getString("name")).isEqualTo("deployments-status");
            assertThat(check.getJsonObject("data").getString("carbonsink.ear")).isEqualTo("OK");
        });
    }
}
