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

    /** Every sealed value in the tables that hold personal data (the sealed columns of each). */
    private static java.util.List<String> sealedValues(Connection db) throws SQLException {
        java.util.List<String> values = new java.util.ArrayList<>();
        for (String query : java.util.List.of(
                "select name_sealed, id_number_protected, phone_protected from citizen_profile",
                "select name_sealed, id_sealed, null from booking_visitor",
                "select name_sealed, id_number_sealed, phone_sealed from saved_visitor",
                "select phone_sealed, text_sealed, null from sms_outbox",
                "select name_sealed, id_sealed, null from restoration_defendant",
                "select contact_name_sealed, contact_phone_sealed, null from organisation_registration")) {
            try (PreparedStatement q = db.prepareStatement(query); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 3; i++) {
                        if (rs.getString(i) != null) {
                            values.add(rs.getString(i));
                        }
                    }
                }
            }
        }
        return values;
    }

    /**
     * Key rotation: started with a new key and the old one as CARBONSINK_PERSONAL_DATA_KEY_PREVIOUS, the server
     * re-seals every value and recomputes every lookup hash (the same ID number is still found), and from then on
     * starts with the new key alone and refuses the old one. On the embedded default, whose generated key is in the
     * database, so that the copy's data is its own (on PostgreSQL the copy shares the suite's database, and
     * re-sealing it would take it from under the suite's server).
     */
    @Test
    void aPersonalDataKeyIsRotatedByOneStartWithTheNewKeyAndThePreviousOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestDatabase.postgresql(),
                "the copy would re-seal the database the suite's server is using");
        String name = PersonalDataAtRestIT.uniqueName();
        String newKey = java.util.Base64.getEncoder().encodeToString(
                "a rotated key, for tests only!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("CARBONSINK_PERSONAL_DATA_KEY", ""));
            Api api = server.api();
            String citizen = register(api, name);
            String token = api.login(citizen, PASSWORD);
            String idNumber = TestCitizens.idNumber(LocalDate.of(1990, 2, 3));
            Api.Reply saved = api.postJson("/api/v1/me/visitors", Json.createObjectBuilder().add("name", "王小明")
                    .add("idNumber", idNumber).add("phone", "13700001111").build().toString(), token);
            assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
            String home = server.home().toString();
            String generatedKey;
            java.util.List<String> before;
            try (Connection db = TestDatabase.connect(home); PreparedStatement q = db.prepareStatement(
                    "select setting_value from app_setting where setting_key = 'personal-data.generated-key'");
                 ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("the embedded default generated its key").isTrue();
                generatedKey = rs.getString(1);
                before = sealedValues(db);
            }
            assertThat(before).hasSizeGreaterThanOrEqualTo(6);
            server.stop();

            String logged = server.startWith(Map.of("CARBONSINK_PERSONAL_DATA_KEY", newKey,
                    "CARBONSINK_PERSONAL_DATA_KEY_PREVIOUS", generatedKey));
            assertThat(logged).contains("Personal data re-sealed under the new carbonsink.personal-data-key: "
                    + before.size() + " values").doesNotContain(newKey).doesNotContain(generatedKey);
            try (Connection db = TestDatabase.connect(home)) {
                java.util.List<String> after = sealedValues(db);
                assertThat(after).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
                assertThat(PersonalDataAtRestIT.columnsHolding(db, name)).isEmpty();
            }
            token = api.login(citizen, PASSWORD);
            assertThat(api.get("/api/v1/me/citizen", token).json().getString("name")).isEqualTo(name);
            assertThat(api.get("/api/v1/me/visitors", token).jsonArray().getJsonObject(0).getString("name"))
                    .isEqualTo("王**");
            // The lookup hashes follow the new key: the same person is found, not registered twice.
            Api.Reply twice = api.postJson("/api/v1/me/visitors", Json.createObjectBuilder().add("name", "王小明")
                    .add("idNumber", idNumber).build().toString(), token);
            ErrorsIT.problem(twice, 409);
            server.stop();

            server.start(Map.of("CARBONSINK_PERSONAL_DATA_KEY", newKey));
            assertThat(api.get("/api/v1/me/citizen", api.login(citizen, PASSWORD)).json().getString("name"))
                    .isEqualTo(name);
            server.stop();

            logged = server.startWith(Map.of("CARBONSINK_PERSONAL_DATA_KEY", generatedKey));
            assertThat(logged).contains("WFLYSRV0026").contains("sealed with another key");
            assertNotDeployed(server);
        } finally {
            // The copy's database is now sealed under a key no other test starts it with: the next start begins anew.
            try (var paths = Files.walk(new ServerProcess().home().resolve("standalone/data"))) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }
}
