package cn.yaan.carbonsink.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/** A direct JDBC connection to the database the test server uses (H2 file via AUTO_SERVER, or the PostgreSQL schema). */
public final class TestDatabase {

    private TestDatabase() {
    }

    static boolean postgresql() {
        return "postgresql".equals(System.getProperty("it.db", "h2"));
    }

    private static String env(String name, String defaultValue) {
        return Objects.requireNonNullElse(System.getenv(name), defaultValue);
    }

    /**
     * The suite's roles (TestServer creates them): the schema's owner, which migrates, and the servers' account.
     * Roles belong to the whole PostgreSQL server, schemas to one database, so their names start with the database's.
     */
    static final String OWNER_ROLE = roleName("owner");
    static final String APP_ROLE = roleName("app");
    /** Their password, for a PostgreSQL that asks for one (trust authentication ignores it). */
    static final String ROLE_PASSWORD = "test-servers-only";

    private static String roleName(String what) {
        return (env("PGDATABASE", "test") + "_" + TestServer.PG_SCHEMA + "_" + what).toLowerCase(java.util.Locale.ROOT);
    }

    static String serverUrl() {
        return serverUrl(env("PGDATABASE", "test"));
    }

    /** Another database of the same PostgreSQL server. */
    static String serverUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    static String host() {
        return env("PGHOST", "127.0.0.1");
    }

    static String port() {
        return env("PGPORT", "5432");
    }

    static String url() {
        return serverUrl() + "?currentSchema=" + TestServer.PG_SCHEMA;
    }

    static String user() {
        return env("PGUSER", "postgres");
    }

    static String password() {
        return env("PGPASSWORD", "");
    }

    /**
     * How a test server JVM is pointed at the suite's PostgreSQL schema: it runs as the application role and
     * migrates as the owner.
     */
    static String serverJvmArgs() {
        return "-Dcarbonsink.db.url=" + url() + " -Dcarbonsink.db.user=" + APP_ROLE + " -Dcarbonsink.db.password="
                + ROLE_PASSWORD + " -Dcarbonsink.db.owner-user=" + OWNER_ROLE + " -Dcarbonsink.db.owner-password="
                + ROLE_PASSWORD;
    }

    /** A connection to the suite's schema as one of its roles. */
    static Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(url(), role, ROLE_PASSWORD);
    }

    /** H2 file of a server copy, opened alongside the running server thanks to AUTO_SERVER. */
    static String h2Url(String serverHome) {
        return "jdbc:h2:file:" + serverHome + "/standalone/data/carbonsink/carbonsink;AUTO_SERVER=TRUE";
    }

    public static Connection connect() throws SQLException {
        return connect(System.getProperty("it.server.home"));
    }

    /** The database of a server copy: its own H2 file, or on PostgreSQL the suite's schema, which every copy shares. */
    static Connection connect(String serverHome) throws SQLException {
        if (postgresql()) {
            return DriverManager.getConnection(url(), user(), password());
        }
        return DriverManager.getConnection(h2Url(serverHome), "sa", "sa");
    }
}
