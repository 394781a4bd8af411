package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as operators start it other than the suite does, each on its own copy (as RestartIT does): the
 * configuration for several nodes behind a balancer ({@code -c standalone-ha.xml}) has the application's datasource
 * and deploys it; {@code CARBONSINK_LOG_FORMAT=json} writes the log as one JSON object a line.
 */
class ServerProfilesIT {

    @Test
    void theHaConfigurationHasTheDatasourceAndDeploysTheApplication() throws Exception {
        try (ServerProcess node = ServerProcess.ha()) {
            node.start();
            assertThat(Files.readString(node.home().resolve("standalone/configuration/standalone-ha.xml")))
                    .contains("jndi-name=\"java:jboss/datasources/CarbonSinkDS\"");
            Api api = node.api();
            assertThat(api.get("/api/v1/health/ready").json().getString("status")).isEqualTo("UP");
            assertThat(api.get("/api/v1/public/sites").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/me", api.token("officer")).status()).isEqualTo(200);
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Each line of the file, read as one JSON object (a line that is not one fails the test). */
    private static List<JsonObject> records(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
    }

    @Test
    void withTheJsonLogFormatEveryLineOfTheLogIsOneJsonObject() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path log = server.home().resolve("standalone/log");
            Path text = log.resolve("server.log");
            String textBefore = read(text);
            server.start(Map.of("CARBONSINK_LOG_FORMAT", "json"));
            Instant deadline = Instant.now().plusSeconds(60);
            List<JsonObject> records;
            while ((records = records(log.resolve("server.json.log"))).stream()
                    .noneMatch(r -> r.getString("message").startsWith("WFLYSRV0025"))) {
                assertThat(Instant.now()).as("WildFly says it started, in JSON").isBefore(deadline);
                Thread.sleep(500);
            }
            assertThat(records).allSatisfy(r -> assertThat(r.keySet())
                    .contains("timestamp", "level", "loggerName", "message"));
            assertThat(records).anySatisfy(r -> {
                assertThat(r.getString("loggerName")).isEqualTo("cn.yaan.carbonsink.platform.DatabaseMigration");
                assertThat(r.getString("message")).startsWith("Database schema at version");
            });
            // The first lines of a start, before the logging subsystem is up, follow the previous start's format.
            assertThat(read(text).substring(textBefore.length())).doesNotContain("Database schema at version")
                    .doesNotContain("WFLYSRV0025");
            server.stop();
        }
    }
}
