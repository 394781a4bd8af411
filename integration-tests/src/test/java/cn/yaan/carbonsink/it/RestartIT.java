package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is written stays written: data survives a graceful restart and a SIGKILL of the server (H2 file mode by
 * default, PostgreSQL with -Ppostgresql). Uses its own server copy, so the suite's server is not disturbed.
 */
class RestartIT {

    @Test
    void accountWrittenBeforeRestartAndCrashIsStillThere() throws Exception {
        String username = "restart" + UUID.randomUUID().toString().substring(0, 8);
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            Api api = server.api();
            String admin = api.login("admin", Api.DEMO_PASSWORD);
            Api.Reply created = api.postJson("/api/v1/admin/accounts", "{\"username\":\"" + username
                    + "\",\"password\":\"Secret#123\",\"roles\":[\"CITIZEN\"]}", admin);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            server.stop();
            server.start();
            assertThat(api.login(username, "Secret#123")).isNotBlank();
            assertThat(api.get("/api/v1/me", admin).status()).as("tokens survive a restart").isEqualTo(200);

            server.kill();
            server.start();
            assertThat(api.login(username, "Secret#123")).isNotBlank();
            assertThat(api.login("admin", Api.DEMO_PASSWORD)).as("demo data is loaded once, not again").isNotBlank();
        }
    }
}
