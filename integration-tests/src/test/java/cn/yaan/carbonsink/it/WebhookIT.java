package cn.yaan.carbonsink.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed webhooks through the outbox, against a receiver this test runs on a port of its own (the port offset plus
 * 9090): a court subscribes to its restoration orders' events; the receiver is stopped while orders are paid and
 * fulfilled, so the events queue and are retried; brought back, it receives each event once, in the order they
 * happened, each with a valid Standard Webhooks signature. Deliveries are listed and replayed; other organisations'
 * subscriptions are not seen; addresses that lead to link-local or metadata services are refused.
 */
@ServerIT
class WebhookIT {

    private final Api api = Api.server();

    /** A request the receiver got: its headers that matter and its body. */
    record Received(String id, String timestamp, String signature, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    /** A small HTTP receiver that records what it gets and answers 204. */
    static final class Receiver implements AutoCloseable {
        final int port;
        final List<Received> received = new CopyOnWriteArrayList<>();
        private HttpServer server;

        Receiver(int port) {
            this.port = port;
        }

        Receiver start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/hooks", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return this;
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hooks";
        }

        @Override
        public void close() {
            stop();
        }
    }

    static int receiverPort() {
        return Integer.parseInt(System.getProperty("it.port.offset", "10000")) + 9090;
    }

    /** Verifies a Standard Webhooks signature as a receiver does. */
    static boolean signedWith(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return List.of(r.signature().split(" ")).contains(expected);
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(until);
            Thread.sleep(250);
        }
    }

    private long restorationOrder(String court) {
        Api.Reply registered = api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                RestorationIT.residentId(), "PURCHASE_IN_LIEU", null), court);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().getJsonNumber("id").longValue();
    }

    /** Records an offline payment: the order is paid and fulfilled in one transaction; its reference. */
    private String payOffline(String court, long id, String project) {
        JsonObject order = api.get("/api/v1/restoration-orders/" + id, court).json();
        Api.Reply paid = api.postJson("/api/v1/restoration-orders/" + id + "/offline-payment", "{\"receiptNo\":\"WH-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"amountFen\":" + order.getJsonNumber("amountFen")
                + ",\"projectCode\":\"" + project + "\"}", court);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return order.getString("reference");
    }

    @Test
    void eventsQueueWhileTheReceiverIsDownAndArriveOnceInOrderSigned() throws Exception {
        String project = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, project, 1_000_000);
        String court = api.token("court");
        try (Receiver receiver = new Receiver(receiverPort()).start()) {
            Api.Reply created = api.postJson("/api/v1/webhooks", Json.createObjectBuilder().add("url", receiver.url())
                    .add("events", Json.createArrayBuilder().add("restoration.paid").add("restoration.fulfilled"))
                    .build().toString(), court);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonObject subscription = created.json();
            String secret = subscription.getString("secret");
            long id = subscription.getJsonNumber("id").longValue();
            assertThat(secret).startsWith("whsec_");
            assertThat(subscription.getString("organisation")).isEqualTo("COURT-1802");
            assertThat(api.get("/api/v1/webhooks", court).body()).contains(receiver.url()).doesNotContain(secret);
            try {
                List<String> references = new ArrayList<>();
                references.add(payOffline(court, restorationOrder(court), project));
                Predicate<Received> ours = r -> references.contains(r.json().getJsonObject("data").getString("reference"));
                await("the first order's two events", () -> receiver.received.stream().filter(ours).count() == 2);

                // The receiver goes down; three more orders are paid and fulfilled meanwhile.
                receiver.stop();
                for (int i = 0; i < 3; i++) {
                    references.add(payOffline(court, restorationOrder(court), project));
                }
                await("failed attempts to be recorded", () -> api.get("/api/v1/webhooks/" + id + "/deliveries", court)
                        .jsonArray().stream().map(v -> v.asJsonObject()).anyMatch(d -> d.getString("status")
                                .equals("PENDING") && d.getInt("attempts") >= 2 && d.containsKey("lastError")));
                Thread.sleep(3_000);
                receiver.start();
                await("all eight events", () -> receiver.received.stream().filter(ours).count() >= 8);
                Thread.sleep(3_000); // nothing more arrives: each event once

                List<Received> got = receiver.received.stream().filter(ours).toList();
                assertThat(got).hasSize(8);
                assertThat(got.stream().map(Received::id).distinct()).hasSize(8);
                List<String> expected = new ArrayList<>();
                for (String reference : references) {
                    expected.add(reference + " restoration.paid");
                    expected.add(reference + " restoration.fulfilled");
                }
                assertThat(got.stream().map(r -> r.json().getJsonObject("data").getString("reference") + " "
                        + r.json().getString("type")).toList()).as("in the order they happened").isEqualTo(expected);
                for (Received r : got) {
                    assertThat(signedWith(secret, r)).as("signature of " + r.id()).isTrue();
                    assertThat(r.json().getString("id")).isEqualTo(r.id());
                    assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond())).isLessThan(300);
                    assertThat(r.body()).doesNotContain("张三丰", "511802");
                }
                // A body altered on the way no longer matches its signature.
                Received first = got.get(0);
                assertThat(signedWith(secret, new Received(first.id(), first.timestamp(), first.signature(),
                        first.body().replace("restoration.paid", "restoration.fulfilled")))).isFalse();

                // Listed, all delivered; one replayed: the same event id arrives again.
                List<JsonObject> deliveries = api.get("/api/v1/webhooks/" + id + "/deliveries", court).jsonArray()
                        .stream().map(v -> v.asJsonObject()).toList();
                assertThat(deliveries).allSatisfy(d -> assertThat(d.getString("status")).isEqualTo("DELIVERED"));
                JsonObject oldest = deliveries.get(deliveries.size() - 1);
                Api.Reply replayed = api.postJson("/api/v1/webhooks/" + id + "/deliveries/" + oldest.getJsonNumber("id")
                        + "/replay", "", court);
                assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
                await("the replay", () -> receiver.received.stream().filter(ours).count() == 9);
                assertThat(receiver.received.stream().filter(ours).toList().get(8).id())
                        .isEqualTo(oldest.getString("eventId"));

                // Another court neither sees nor touches this subscription.
                String court2 = api.token("court2");
                assertThat(api.get("/api/v1/webhooks", court2).body()).doesNotContain(receiver.url());
                ErrorsIT.problem(api.get("/api/v1/webhooks/" + id + "/deliveries", court2), 404);
                ErrorsIT.problem(api.send(Api.authorizedRequest(api.request("/api/v1/webhooks/" + id).DELETE(), court2)), 404);
            } finally {
                Api.Reply off = api.send(Api.authorizedRequest(api.request("/api/v1/webhooks/" + id).DELETE(), court));
                assertThat(off.status()).as(off.toString()).isEqualTo(200);
                assertThat(off.json().getBoolean("active")).isFalse();
            }
        }
    }

    @Test
    void aSiteOperatorHearsOfItsSitesBookingsAndClosuresWithoutPersonalData() throws Exception {
        String gate = api.token("gate");
        try (Receiver receiver = new Receiver(receiverPort() + 1).start()) {
            Api.Reply created = api.postJson("/api/v1/webhooks", Json.createObjectBuilder().add("url", receiver.url())
                    .add("events", Json.createArrayBuilder().add("booking.confirmed").add("booking.cancelled")
                            .add("site.day-closed")).build().toString(), gate);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String secret = created.json().getString("secret");
            long id = created.json().getJsonNumber("id").longValue();
            try {
                JsonObject slot = TestSites.newSlot(api, "BFX", 10);
                String citizen = TestCitizens.register(api);
                String bookingNo = TestSites.paidBooking(api, citizen, slot.getJsonNumber("id").longValue())
                        .getString("bookingNo");
                Api.Reply cancelled = api.postJson("/api/v1/bookings/" + bookingNo + "/cancellation", "", citizen);
                assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
                String day = Instant.parse(slot.getString("start")).atZone(TestSites.CST).toLocalDate().toString();
                Api.Reply closed = api.postJson("/api/v1/sites/BFX/closures", "{\"date\":\"" + day + "\",\"reason\":\"暴雨\"}",
                        api.token("officer"));
                assertThat(closed.status()).as(closed.toString()).isBetween(200, 204);

                Predicate<Received> ours = r -> bookingNo.equals(r.json().getJsonObject("data").getString("bookingNo", null))
                        || day.equals(r.json().getJsonObject("data").getString("date", null));
                await("the booking's and the closure's events", () -> receiver.received.stream().filter(ours).count() >= 3);
                List<Received> got = receiver.received.stream().filter(ours).toList();
                assertThat(got.stream().map(r -> r.json().getString("type")).toList())
                        .containsExactly("booking.confirmed", "booking.cancelled", "site.day-closed");
                for (Received r : got) {
                    assertThat(signedWith(secret, r)).isTrue();
                    assertThat(r.json().getJsonObject("data").getString("site")).isEqualTo("BFX");
                    assertThat(r.body()).doesNotContain("欧阳娜娜", "511802", "测试公民");
                }
                assertThat(got.get(1).json().getJsonObject("data").getString("status")).isEqualTo("CANCELLED");
                // A court does not see a site's webhook.
                ErrorsIT.problem(api.get("/api/v1/webhooks/" + id + "/deliveries", api.token("court")), 404);
            } finally {
                api.send(Api.authorizedRequest(api.request("/api/v1/webhooks/" + id).DELETE(), gate));
            }
        }
    }

    @Test
    void addressesOfLinkLocalAndMetadataServicesAndOtherOrganisationsEventsAreRefused() {
        String court = api.token("court");
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/",
                "https://100.100.100.200/latest/meta-data/", "https://[fe80::1]/hooks", "https://0.0.0.0/hooks",
                "ftp://cases.example.cn/hooks", "https://user:pw@cases.example.cn/hooks", "not an address",
                "https://no-such-host.invalid/hooks")) {
            JsonObject problem = ErrorsIT.problem(api.postJson("/api/v1/webhooks", Json.createObjectBuilder()
                    .add("url", url).add("events", Json.createArrayBuilder().add("restoration.paid")).build().toString(),
                    court), 400);
            assertThat(problem.toString()).as(url).contains("\"field\":\"url\"");
        }
        String valid = "http://127.0.0.1:" + receiverPort() + "/hooks";
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/webhooks", Json.createObjectBuilder().add("url", valid)
                .add("events", Json.createArrayBuilder().add("booking.confirmed")).build().toString(), court), 403)
                .getString("type")).endsWith("event-not-yours");
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/webhooks", Json.createObjectBuilder().add("url", valid)
                .add("events", Json.createArrayBuilder().add("order.paid")).build().toString(), court), 400).toString())
                .contains("events[0]");
        ErrorsIT.problem(api.postJson("/api/v1/webhooks", Json.createObjectBuilder().add("url", valid)
                .add("events", Json.createArrayBuilder().add("restoration.paid")).build().toString(),
                api.token("officer")), 403);
    }
}
