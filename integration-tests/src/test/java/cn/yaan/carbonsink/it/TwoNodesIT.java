package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL database (the suite's server and a second server on the same schema): the ledger's
 * invariants are held by the database, not by one JVM, so parallel retirements sent to both nodes never oversell,
 * and both nodes' expiry jobs release each unpaid hold once. The embedded H2 default is one node by design, so
 * this test runs with -Ppostgresql only.
 */
@ServerIT
class TwoNodesIT {

    @Test
    void twoNodesSellEachUnitOnceAndReleaseEachHoldOnce() throws Exception {
        RequiredSuites.assumeAvailable(RequiredSuites.POSTGRESQL, TestDatabase.postgresql(),
                "several nodes need PostgreSQL (run with -Ppostgresql)");
        Api one = Api.server();
        String code = TestProjects.newCode();
        JsonObject issuance = TestProjects.projectWithIssuance(one, code, 10_000);
        try (ServerProcess node2 = new ServerProcess()) {
            node2.start();
            Api two = node2.api();
            List<Api> nodes = List.of(one, two);

            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Api node = nodes.get(i % 2);
                futures.add(pool.submit(() -> {
                    start.await();
                    return node.send(Api.authorized(node.request("/api/v1/retirements")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("projectCode", code)
                                    .add("quantityKg", 250).add("beneficiary", "雅安茶业有限公司").add("purpose", "DIRECT")
                                    .build().toString(), StandardCharsets.UTF_8)), node.token("officer")));
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                replies.add(f.get());
            }
            pool.shutdown();
            assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(40);
            assertThat(replies.stream().filter(r -> r.status() != 201)).hasSize(24).allSatisfy(r ->
                    assertThat(ErrorsIT.problem(r, 409).getString("type")).endsWith("insufficient-units"));
            TestProjects.assertCoverExactly(replies.stream().filter(r -> r.status() == 201).map(Api.Reply::json).toList(),
                    issuance);

            // Unpaid orders on both nodes; both nodes' expiry jobs race to release them.
            String other = TestProjects.newCode();
            TestProjects.projectWithIssuance(one, other, 1_000);
            for (int i = 0; i < 10; i++) {
                Api node = nodes.get(i % 2);
                Api.Reply order = node.postJson("/api/v1/orders", "{\"projectCode\":\"" + other + "\",\"quantityKg\":100}",
                        node.token("citizen"));
                assertThat(order.status()).as(order.toString()).isEqualTo(201);
            }
            try {
                one.moveClock("PT16M");
                two.moveClock("PT16M");
                Instant deadline = Instant.now().plusSeconds(60);
                JsonObject figures;
                while ((figures = one.get("/api/v1/public/sink-projects/" + other).json())
                        .getJsonNumber("reservedKg").longValue() > 0) {
                    assertThat(Instant.now()).as("holds released within a minute").isBefore(deadline);
                    Thread.sleep(500);
                }
                assertThat(figures.getJsonNumber("availableKg").longValue()).isEqualTo(1_000);
            } finally {
                one.moveClock("PT0S");
            }
            assertThat(one.get("/api/v1/ledger/verification", one.token("admin")).json().getBoolean("ok")).isTrue();
        }
    }
}
