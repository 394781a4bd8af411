package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting the server, on its own copy (as RestartIT does): names of citizens registered before names were sealed
 * are sealed at start-up, once; a production configuration refuses to start without its secrets, with a secret file
 * other accounts can read, and with a personal-data key other than the one its data was sealed with.
 */
class ProductionStartIT {

    private static final String PASSWORD = "Plant3Trees";

    /** citizen_profile.name_sealed and account.display_name of a citizen. */
    private static String[] stored(Connection db, String username) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("select p.name_sealed, a.display_name from citizen_profile p "
                + "join account a on a.id = p.account_id where a.username = ?")) {
            q.setString(1, username);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static String register(Api api, String name) {
        String username = PublicDutyIT.username();
        Api.Reply registered = api.postJson("/api/v1/public/citizens", Json.createObjectBuilder()
                .add("username", username).add("name", name)
                .add("idNumber", TestCitizens.idNumber(LocalDate.of(1988, 8, 8))).add("phone", "13912345678")
                .add("password", PASSWORD).add("consent", true).build().toString());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return username;
    }

    @Test
    void namesOfCitizensRegisteredBeforeNamesWereSealedAreSealedAtStartUpOnce() throws Exception {
        String name = PersonalDataAtRestIT.uniqueName();
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            Api api = server.api();
            String earlier = register(api, name);
            String later = register(api, PersonalDataAtRestIT.uniqueName());
            String home = server.home().toString();
            String[] laterBefore;
            // The first citizen as a row of schema version 11 looked: the name in clear on the account, nothing sealed.
            try (Connection db = TestDatabase.connect(home); PreparedStatement unseal = db.prepareStatement(
                    "update account set display_name = ? where username = ?");
                 PreparedStatement clear = db.prepareStatement("update citizen_profile set name_sealed = null where "
                         + "account_id = (select id from account where username = ?)")) {
                unseal.setString(1, name);
                unseal.setString(2, earlier);
                unseal.executeUpdate();
                clear.setString(1, earlier);
                clear.executeUpdate();
                laterBefore = stored(db, later);
            }

            server.stop();
            server.start();
            try (Connection db = TestDatabase.connect(home)) {
                String[] sealed = stored(db, earlier);
                assertThat(sealed[0]).startsWith("v1:").doesNotContain(name);
                assertThat(sealed[1]).isEqualTo("司***");
                assertThat(PersonalDataAtRestIT.columnsHolding(db, name)).isEmpty();
                assertThat(stored(db, later)).as("a sealed row is not sealed again").containsExactly(laterBefore);
            }
            assertThat(api.get("/api/v1/me/citizen", api.login(earlier, PASSWORD)).json().getString("name"))
                    .isEqualTo(name);
        }
    }

    /** The H2 build says it is the embedded default; told otherwise, it is production (as the PostgreSQL build is). */
    private static final Map<String, String> PRODUCTION = Map.of("CARBONSINK_EMBEDDED", "false");

    /** A valid key (base64 of 32 bytes) that sealed nothing in the suite's database. */
    private static final String KEY_OF_ANOTHER_DATABASE = "YW5vdGhlciBkYXRhYmFzZSBrZXksIHRlc3RzIG9ubHk=";

    private static Map<String, String> production(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(PRODUCTION);
        environment.putAll(more);
        return environment;
    }

    private static void assertNotDeployed(ServerProcess server) {
        Api.Reply ready = server.api().get("/api/v1/health/ready");
        assertThat(ready.status()).as("the application is not there").isNotEqualTo(200);
    }

    @Test
    void aProductionConfigurationDoesNotStartWithoutItsSecretsAndNamesEachOne() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            // Not a test server (its clock fixed), no key, no keystore, no public address,
            // the simulated provider on without its secret.
            String logged = server.startWith(production(Map.of("CARBONSINK_PERSONAL_DATA_KEY", "",
                    "CARBONSINK_SIGNING_KEYSTORE", "", "CARBONSINK_PUBLIC_URL", "", "CARBONSINK_CLOCK_CONTROLLABLE", "",
                    "CARBONSINK_SIMULATED_PAYMENTS", "true", "CARBONSINK_SIMULATED_PAYMENTS_SECRET", "")));
            assertThat(logged).contains("WFLYSRV0026").contains("production configuration is incomplete")
                    .contains("CARBONSINK_PERSONAL_DATA_KEY (system property carbonsink.personal-data-key) is missing")
                    .contains("CARBONSINK_SIGNING_KEYSTORE (system property carbonsink.signing.keystore) is missing")
                    .contains("CARBONSINK_PUBLIC_URL (system property carbonsink.public-url) is missing")
                    .contains("CARBONSINK_SIMULATED_PAYMENTS_SECRET");
            assertNotDeployed(server);
        }
    }

    @Test
    void aSecretFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("personal-data-key"), KEY_OF_ANOTHER_DATABASE + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerProcess server = new ServerProcess()) {
            String logged = server.startWith(production(Map.of("CARBONSINK_PERSONAL_DATA_KEY", "",
                    "CARBONSINK_PERSONAL_DATA_KEY_FILE", key.toString())));
            assertThat(logged).contains("WFLYSRV0026").contains("the secret file " + key + " is open to other "
                    + "accounts").contains("chmod 600").doesNotContain(KEY_OF_ANOTHER_DATABASE);
            assertNotDeployed(server);
        }
    }

    @Test
    void aKeyOtherThanTheOneTheDataWasSealedWithIsRefusedAndTheRightOneStartsAgain(@TempDir Path dir)
            throws Exception {
        Path key = Files.writeString(dir.resolve("personal-data-key"), KEY_OF_ANOTHER_DATABASE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        String name = PersonalDataAtRestIT.uniqueName();
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            String citizen = register(server.api(), name);
            server.stop();

            // As after a restore without the keys: another key, read from a file, the suite's own variable removed.
            String logged = server.startWith(Map.of("CARBONSINK_PERSONAL_DATA_KEY", "",
                    "CARBONSINK_PERSONAL_DATA_KEY_FILE", key.toString()));
            assertThat(logged).contains("WFLYSRV0026").contains("sealed with another key")
                    .doesNotContain(KEY_OF_ANOTHER_DATABASE);
            assertNotDeployed(server);
            server.stop();

            server.start();
            assertThat(server.api().get("/api/v1/me/citizen", server.api().login(citizen, PASSWORD)).json()
                    .getString("name")).isEqualTo(name);
        }
    }
}
