package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's path of docs/OPERATIONS.md, end to end, with the release the PostgreSQL build makes
 * (ear/target/carbonsink-*-release.tar): installed into a fresh directory outside the build, HTTPS with a PKCS#12
 * certificate of its own, started on a fresh database without demo data, the first administrator from a password
 * file, data made through the API; then backed up with pg_dump (no key in the dump), restored into another fresh
 * database, refused with another personal-data key, upgraded to a rebuilt EAR and started on the restored database
 * with the right keys: the data reads back, the certificate verifies, the configuration (management user, TLS) is
 * still there. Runs on PostgreSQL only (the release is the PostgreSQL build); three server starts.
 */
class ReleaseIT {

    private static final String ADMIN_PASSWORD = "Forest#2026plant";
    private static final String CITIZEN_PASSWORD = "Plant3Trees";
    private static final String TLS_PASSWORD = "release-it-tls";
    private static final String SIGNING_PASSWORD = "release-it-signing";

    /** The installation's ports: the suite's moved by 500 (the restart copy uses 1000). */
    private final int offset = Integer.getInteger("it.port.offset", 10000) + 500;
    private final String database = "carbonsink_release_" + offset;
    private final String restoredDatabase = "carbonsink_restored_" + offset;

    @Test
    void installServeHttpsBackUpRestoreRefuseAnotherKeyAndUpgrade(@TempDir Path dir) throws Exception {
        RequiredSuites.assumeAvailable(RequiredSuites.POSTGRESQL, TestDatabase.postgresql(),
                "the release is the PostgreSQL build (run with -Ppostgresql)");
        Path archive = Path.of(System.getProperty("it.release"));
        assertThat(archive).as("the PostgreSQL build makes the release").exists();

        // Unpacked and installed as docs/OPERATIONS.md says, into a directory outside the build.
        run(dir, "tar", "xf", archive.toString());
        Path release;
        try (var entries = Files.list(dir)) {
            release = entries.filter(p -> p.getFileName().toString().startsWith("carbonsink-")).findFirst().orElseThrow();
        }
        Path home = dir.resolve("opt/carbonsink");
        run(dir, release.resolve("install.sh").toString(), home.toString());
        assertThat(Files.getPosixFilePermissions(home.resolve("carbonsink.env")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(home.resolve("standalone/deployments/carbonsink.ear")).hasSameBinaryContentAs(release.resolve("carbonsink.ear"));

        // The keys, each in a file of its own outside the installation, readable by the server's account only.
        Path keys = Files.createDirectory(dir.resolve("keys"));
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        String personalDataKey = Base64.getEncoder().encodeToString(keyBytes);
        Path keyFile = secret(keys.resolve("personal-data-key"), personalDataKey);
        Path signing = keys.resolve("signing.p12");
        keytool("-genkeypair", "-keyalg", "Ed25519", "-alias", "certificate-signing", "-storetype", "PKCS12",
                "-keystore", signing.toString(), "-storepass", SIGNING_PASSWORD, "-dname", "CN=ReleaseIT signing");
        Path tls = keys.resolve("tls.p12");
        keytool("-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "tls", "-storetype", "PKCS12",
                "-keystore", tls.toString(), "-storepass", TLS_PASSWORD, "-dname", "CN=localhost, O=ReleaseIT",
                "-ext", "SAN=dns:localhost", "-validity", "2");
        Map<String, String> settings = Map.ofEntries(
                Map.entry("CARBONSINK_DB_URL", TestDatabase.serverUrl(database)),
                Map.entry("CARBONSINK_DB_USER", TestDatabase.user()),
                Map.entry("CARBONSINK_DB_PASSWORD", TestDatabase.password().isEmpty() ? "unused" : TestDatabase.password()),
                // A test server may have a local public address (it says so with a controllable clock).
                Map.entry("CARBONSINK_PUBLIC_URL", "https://localhost:" + (8443 + offset)),
                Map.entry("CARBONSINK_CLOCK_CONTROLLABLE", "true"),
                Map.entry("CARBONSINK_PERSONAL_DATA_KEY_FILE", keyFile.toString()),
                Map.entry("CARBONSINK_SIGNING_KEYSTORE", signing.toString()),
                Map.entry("CARBONSINK_SIGNING_KEYSTORE_PASSWORD_FILE",
                        secret(keys.resolve("signing-password"), SIGNING_PASSWORD).toString()),
                Map.entry("CARBONSINK_BOOTSTRAP_ADMIN_PASSWORD_FILE",
                        secret(keys.resolve("bootstrap-admin-password"), ADMIN_PASSWORD).toString()),
                Map.entry("CARBONSINK_TLS_KEYSTORE", tls.toString()),
                Map.entry("CARBONSINK_TLS_KEYSTORE_PASSWORD", TLS_PASSWORD),
                Map.entry("CARBONSINK_NODE_ID", "release-1"));
        writeEnv(home, settings);
        run(home, "bin/carbonsink.sh", "configure-tls");
        run(home, "bin/add-user.sh", "-s", "-u", "operator", "-p", "Watch#2026nodes");

        SSLContext trustingTheCertificate = trusting(tls);
        Api https = new Api("https://localhost:" + (8443 + offset), trustingTheCertificate);
        Certificate served = KeyStore.getInstance(tls.toFile(), TLS_PASSWORD.toCharArray()).getCertificate("tls");
        createDatabase(database);
        createDatabase(restoredDatabase);
        String citizenName = PersonalDataAtRestIT.uniqueName();
        String idNumber = TestCitizens.idNumber(LocalDate.of(1990, 3, 12));
        String citizen = PublicDutyIT.username();
        String certificateNo;
        String scanned;
        try (ServerProcess server = ServerProcess.installed(home, offset)) {
            server.start();
            assertHttps(server, https, served);

            // No demo data: the first administrator comes from the bootstrap password file.
            assertThat(https.postJson("/api/v1/auth/token", "{\"username\":\"officer\",\"password\":\"Demo#2026\"}")
                    .status()).as("no demo accounts").isEqualTo(401);
            String admin = https.login("admin", ADMIN_PASSWORD);
            Api.Reply officerCreated = https.postJson("/api/v1/admin/accounts", Json.createObjectBuilder()
                    .add("username", "forester").add("password", "Secret#123")
                    .add("roles", Json.createArrayBuilder().add("OFFICER")).build().toString(), admin);
            assertThat(officerCreated.status()).as(officerCreated.toString()).isEqualTo(201);
            String officer = https.login("forester", "Secret#123");
            JsonObject retirement = retirement(https, officer);
            certificateNo = retirement.getString("certificateNo");
            scanned = https.get("/api/v1/public/certificates/" + certificateNo).json().getString("verifyUrl");
            assertThat(verdict(https, scanned)).isEqualTo("VALID");
            Api.Reply registered = https.postJson("/api/v1/public/citizens", Json.createObjectBuilder()
                    .add("username", citizen).add("name", citizenName).add("idNumber", idNumber)
                    .add("phone", "13912345678").add("password", CITIZEN_PASSWORD).add("consent", true).build().toString());
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            server.stop();
        }

        // Backup: the database only; the keys are backed up apart and are not in the dump.
        Path dump = dir.resolve("carbonsink.dump");
        pg(dir, "pg_dump", "--format=custom", "--file=" + dump, database);
        String dumped = pg(dir, "pg_restore", "--file=-", dump.toString());
        assertThat(dumped).contains("flyway_schema_history").doesNotContain(personalDataKey)
                .doesNotContain(SIGNING_PASSWORD).doesNotContain(idNumber).doesNotContain(citizenName)
                .doesNotContain(HexFormat.of().formatHex(privateKey(signing)))
                .doesNotContain(Base64.getEncoder().encodeToString(privateKey(signing)));
        pg(dir, "pg_restore", "--exit-on-error", "--no-owner", "--dbname=" + restoredDatabase, dump.toString());

        // The restored database with a key other than the one its data was sealed with: the server refuses.
        Map<String, String> restored = new HashMap<>(settings);
        restored.put("CARBONSINK_DB_URL", TestDatabase.serverUrl(restoredDatabase));
        restored.remove("CARBONSINK_BOOTSTRAP_ADMIN_PASSWORD_FILE");
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        Map<String, String> wrongKey = new HashMap<>(restored);
        wrongKey.put("CARBONSINK_PERSONAL_DATA_KEY_FILE",
                secret(keys.resolve("another-key"), Base64.getEncoder().encodeToString(otherKey)).toString());
        writeEnv(home, wrongKey);
        try (ServerProcess server = ServerProcess.installed(home, offset)) {
            String logged = server.startWith(Map.of());
            assertThat(logged).contains("WFLYSRV0026").contains("sealed with another key");
            assertThat(https.get("/api/v1/health/ready").status()).isNotEqualTo(200);
            server.stop();
        }

        // Upgrade to a rebuilt EAR: only the EAR is replaced; configuration and keys stay.
        byte[] installedEar = Files.readAllBytes(home.resolve("standalone/deployments/carbonsink.ear"));
        Path rebuilt = release.resolve("carbonsink.ear");
        try (FileSystem ear = FileSystems.newFileSystem(URI.create("jar:" + rebuilt.toUri()), Map.of())) {
            Files.writeString(ear.getPath("META-INF/rebuilt.txt"), "ReleaseIT");
        }
        run(dir, release.resolve("upgrade.sh").toString(), home.toString());
        assertThat(home.resolve("standalone/deployments/carbonsink.ear")).hasSameBinaryContentAs(rebuilt);
        assertThat(home.resolve("previous/carbonsink.ear")).hasBinaryContent(installedEar);
        assertThat(Files.readString(home.resolve("standalone/configuration/mgmt-users.properties")))
                .as("the management user is kept").contains("operator=");
        assertThat(Files.readString(home.resolve("standalone/configuration/standalone.xml")))
                .as("the TLS configuration is kept").contains("ssl-context=\"carbonsinkSSC\"");

        writeEnv(home, restored);
        try (ServerProcess server = ServerProcess.installed(home, offset)) {
            server.start();
            assertThat(home.resolve("standalone/data/content/" + contentPath(rebuilt)))
                    .as("the rebuilt EAR is the one deployed").exists();
            assertHttps(server, https, served);
            Api.Reply me = https.get("/api/v1/me/citizen", https.login(citizen, CITIZEN_PASSWORD));
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().getString("name")).isEqualTo(citizenName);
            assertThat(verdict(https, scanned)).as("the restored certificate verifies").isEqualTo("VALID");
            assertThat(https.login("admin", ADMIN_PASSWORD)).isNotBlank();
            server.stop();
        } finally {
            dropDatabase(database);
            dropDatabase(restoredDatabase);
        }
    }

    /** HTTPS with the installation's own certificate and HSTS; plain HTTP sent there, health probes excepted. */
    private void assertHttps(ServerProcess server, Api https, Certificate certificate) throws IOException {
        Api.Reply home = https.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.response().sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate);
        assertThat(home.header("Strict-Transport-Security")).contains("max-age=31536000");
        Api.Reply plain = server.api().get("/sites.xhtml?lang=en");
        assertThat(plain.status()).isEqualTo(301);
        assertThat(plain.header("Location")).contains(https.baseUrl() + "/sites.xhtml?lang=en");
        assertThat(plain.header("Strict-Transport-Security")).isEmpty();
        assertThat(server.api().get("/api/v1/health/ready").status()).as("probes answer over HTTP").isEqualTo(200);
    }

    /** A project, an issuance and a direct purchase of it by a company: a signed certificate. */
    private static JsonObject retirement(Api api, String officer) {
        String code = TestProjects.newCode();
        Api.Reply created = api.postJson("/api/v1/sink-projects", Json.createObjectBuilder()
                .add("code", code).add("nameZh", "测试林 " + code).add("nameEn", "Test forest " + code)
                .add("county", "雨城区").add("standard", "Local pilot").add("methodology", "AR-CM-001")
                .add("areaMu", 100).add("unitPriceFenPerTonne", 8000).build().toString(), officer);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Reply issued = api.postJson("/api/v1/sink-projects/" + code + "/issuances",
                "{\"vintage\":2024,\"quantityKg\":1000}", officer);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Api.Reply retired = api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 250).add("beneficiary", "雅安市绿色能源有限公司").add("purpose", "DIRECT").build()
                .toString(), officer);
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        return retired.json();
    }

    private static String verdict(Api api, String scanned) {
        Api.Reply reply = api.postJson("/api/v1/public/verifications",
                Json.createObjectBuilder().add("qr", scanned).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getString("status");
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance(keystore.toFile(), TLS_PASSWORD.toCharArray());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static byte[] privateKey(Path signing) throws Exception {
        KeyStore store = KeyStore.getInstance(signing.toFile(), SIGNING_PASSWORD.toCharArray());
        byte[] encoded = store.getKey("certificate-signing", SIGNING_PASSWORD.toCharArray()).getEncoded();
        // PKCS#8 of Ed25519: the raw 32-byte key at the end.
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** Where WildFly's content repository keeps a deployed archive: its SHA-1, split after two digits. */
    private static String contentPath(Path archive) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        try (InputStream in = new FileInputStream(archive.toFile())) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
            }
        }
        String hex = HexFormat.of().formatHex(sha1.digest());
        return hex.substring(0, 2) + "/" + hex.substring(2) + "/content";
    }

    private static Path secret(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void writeEnv(Path home, Map<String, String> settings) throws IOException {
        StringBuilder env = new StringBuilder();
        settings.forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
        Files.writeString(home.resolve("carbonsink.env"), env);
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        run(Path.of("."), command.toArray(String[]::new));
    }

    /** A PostgreSQL client tool against the test server (libpq's PG* variables, as TestDatabase reads them). */
    private static String pg(Path dir, String tool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool, "--host=" + TestDatabase.host(),
                "--port=" + TestDatabase.port(), "--username=" + TestDatabase.user()));
        command.addAll(List.of(arguments));
        return run(dir, command.toArray(String[]::new));
    }

    /** Runs a command, none of the suite's CARBONSINK_ variables in its environment; answers its output. */
    private static String run(Path dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CARBONSINK_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static void createDatabase(String name) throws Exception {
        dropDatabase(name);
        sql("CREATE DATABASE " + name);
    }

    private static void dropDatabase(String name) throws Exception {
        sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl(), TestDatabase.user(),
                TestDatabase.password()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
