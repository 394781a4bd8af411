package cn.yaan.carbonsink.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import cn.yaan.carbonsink.it.pay.AlipayStub;
import cn.yaan.carbonsink.it.pay.TestMerchantKeys;
import cn.yaan.carbonsink.it.pay.WeChatPayStub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * Prepares the test run before Arquillian starts the server: works out ports and, on PostgreSQL, creates a schema of
 * its own (dropped again at the end) so the suite never touches anyone's data. As in production (README, Database
 * roles), the schema belongs to an owner role that only migrates ({@code <schema>_owner}) and the servers run as an
 * application role that may only read and write rows ({@code <schema>_app}); both are the suite's own, dropped at
 * the end. Registered as a JUnit launcher
 * session listener, so it runs once per test JVM before any test class.
 *
 * <p>PostgreSQL connection from the usual libpq variables: PGHOST (127.0.0.1), PGPORT (5432), PGDATABASE (test),
 * PGUSER (postgres), PGPASSWORD (empty).
 */
public class TestServer implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(TestServer.class.getName());
    /** One schema per port offset, so suites run side by side (other checkouts) do not meet. */
    static final String PG_SCHEMA = "carbonsink_it_" + Integer.getInteger("it.port.offset", 10000);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        int offset = Integer.getInteger("it.port.offset", 10000);
        System.setProperty("it.management.port", String.valueOf(9990 + offset));
        System.setProperty("it.base-url", "http://localhost:" + (8080 + offset));
        String jvmArgs = "";
        if (TestDatabase.postgresql()) {
            recreateSchema();
            jvmArgs = TestDatabase.serverJvmArgs();
        }
        // WeChat Pay's and Alipay's stand-ins: keys made for this run, written where the test servers' environment points
        // (integration-tests/pom.xml), and a local server speaking its protocol on a port derived from the offset.
        TestMerchantKeys keys = TestMerchantKeys.writeTo(Path.of(System.getProperty("it.payment-keys",
                "target/payment-keys")));
        WeChatPayStub stub = WeChatPayStub.start(8080 + offset + 900, keys);
        jvmArgs += " -Dcarbonsink.payments.wechat.base-url=http://127.0.0.1:" + stub.port()
                + " -Dcarbonsink.payments.wechat.notify-url=http://localhost:" + (8080 + offset)
                + "/api/v1/payments/callbacks/wechat";
        AlipayStub alipay = AlipayStub.start(8080 + offset + 901, keys);
        jvmArgs += " -Dcarbonsink.payments.alipay.gateway=http://127.0.0.1:" + alipay.port() + "/gateway.do"
                + " -Dcarbonsink.payments.alipay.notify-url=http://localhost:" + (8080 + offset)
                + "/api/v1/payments/callbacks/alipay";
        System.setProperty("it.server.jvm.args", jvmArgs.trim());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (TestDatabase.postgresql() && !Boolean.getBoolean("it.keep-schema")) {
            dropSchemaAndRoles();
        }
    }

    private static void recreateSchema() {
        dropSchemaAndRoles();
        for (String role : List.of(TestDatabase.OWNER_ROLE, TestDatabase.APP_ROLE)) {
            execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + TestDatabase.ROLE_PASSWORD + "'");
        }
        execute("CREATE SCHEMA " + PG_SCHEMA + " AUTHORIZATION " + TestDatabase.OWNER_ROLE);
        LOG.info(() -> "Integration tests use PostgreSQL schema " + PG_SCHEMA + " at " + TestDatabase.serverUrl()
                + ", owned by " + TestDatabase.OWNER_ROLE + ", the servers running as " + TestDatabase.APP_ROLE);
    }

    private static void dropSchemaAndRoles() {
        execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        for (String role : List.of(TestDatabase.APP_ROLE, TestDatabase.OWNER_ROLE)) {
            // What a role still holds (default privileges, grants) goes first, or it cannot be dropped.
            execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "EXECUTE 'DROP OWNED BY " + role + " CASCADE'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl(), TestDatabase.user(),
                TestDatabase.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the PostgreSQL test schema: " + e.getMessage(), e);
        }
    }
}
