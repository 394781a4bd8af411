package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * Brings the database to the current schema before anything else runs: Flyway applies the migrations in
 * {@code resources/src/main/resources/db/migration} (and {@code db/vendor/<database>} for what only one database
 * needs), then Hibernate validates the mapping against the result.
 * The persistence unit itself never touches the schema ({@code hibernate.hbm2ddl.auto=none}), because it starts
 * before this bean and would validate an empty database. Flyway locks its history table, so several nodes starting
 * at once migrate once.
 *
 * <p>Least privilege: when an owner account is configured ({@code CARBONSINK_DB_OWNER_USER}, see {@link Owner}),
 * Flyway connects as that owner, which owns the tables it creates, and then grants the application's account (the
 * datasource's) reading and writing rows and nothing else: that account cannot alter a table, drop or disable the
 * audit ledger's append-only trigger, or change Flyway's history. Without an owner the datasource's account does
 * both (the embedded H2 default, a single-account PostgreSQL).
 */
@Singleton
@Startup
@DependsOn("RequiredSecrets")
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/CarbonSinkDS")
    DataSource dataSource;

    @PersistenceUnit
    EntityManagerFactory emf;

    /** The shared migrations, plus those only one database needs (PostgreSQL's append-only trigger). */
    private String[] locations(boolean postgresql) {
        return postgresql
                ? new String[]{"classpath:db/migration", "classpath:db/vendor/postgresql"}
                : new String[]{"classpath:db/migration"};
    }

    private boolean postgresql() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
        } catch (SQLException e) {
            throw new IllegalStateException("The database does not answer", e);
        }
    }

    @PostConstruct
    void migrate() {
        Owner owner = Owner.configured();
        boolean postgresql = postgresql();
        if (owner != null && !postgresql) {
            throw new IllegalStateException("CARBONSINK_DB_OWNER_USER is for PostgreSQL; the embedded H2 database has "
                    + "one account: unset it");
        }
        FluentConfiguration flyway = Flyway.configure(getClass().getClassLoader())
                .locations(locations(postgresql))
                .failOnMissingLocations(true);
        String appUser = null;
        if (owner == null) {
            flyway.dataSource(dataSource);
        } else {
            String url;
            try (Connection connection = dataSource.getConnection()) {
                url = connection.getMetaData().getURL();
                appUser = connection.getMetaData().getUserName();
            } catch (SQLException e) {
                throw new IllegalStateException("The database does not answer", e);
            }
            flyway.dataSource(url, owner.user(), owner.password());
        }
        MigrateResult result = flyway.load().migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
        if (owner != null && !owner.user().equals(appUser)) {
            grantRowsOnly(flyway.getDataSource(), appUser);
            LOG.info(() -> "Migrated as the owner account; the application's account may only read and write rows");
        }
        emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        LOG.info("Hibernate validated the mapping against the schema");
    }

    /**
     * The owner account of the schema, which only Flyway uses: system property {@code carbonsink.db.owner-user} or
     * variable {@code CARBONSINK_DB_OWNER_USER}; its password {@code carbonsink.db.owner-password} or
     * {@code CARBONSINK_DB_OWNER_PASSWORD}, or else the file {@code CARBONSINK_DB_OWNER_PASSWORD_FILE} names (read
     * here, so the password never enters the server's configuration model). Null when none is configured.
     */
    record Owner(String user, String password) {

        static Owner configured() {
            String user = Settings.get("carbonsink.db.owner-user", System.getenv("CARBONSINK_DB_OWNER_USER"));
            if (user == null || user.isBlank()) {
                return null;
            }
            String password = Settings.get("carbonsink.db.owner-password", System.getenv("CARBONSINK_DB_OWNER_PASSWORD"));
            if (password == null || password.isBlank()) {
                password = Settings.secret("carbonsink.db.owner-password");
            }
            return new Owner(user.trim(), password == null ? "" : password);
        }
    }

    /** A role name as PostgreSQL stores an unquoted one; anything else is refused rather than quoted into SQL. */
    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    /**
     * Grants the application's account rows and nothing else, on every table and sequence of the schema and, as
     * default privileges of the owner, on those later migrations create. Flyway's history is read-only to it, and
     * the audit ledger takes new rows only (the trigger refuses the rest as well). Runs at every start, so an
     * upgrade from a single account gets the same grants.
     */
    static void grantRowsOnly(DataSource owner, String appUser) {
        if (appUser == null || !ROLE.matcher(appUser).matches()) {
            throw new IllegalStateException("The application's database account '" + appUser + "' is not a plain "
                    + "role name (lower-case letters, digits, _): cannot grant it its rows");
        }
        try (Connection connection = owner.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            String schema = connection.getSchema();
            if (schema == null || !ROLE.matcher(schema).matches()) {
                throw new IllegalStateException("The schema '" + schema + "' is not a plain name (lower-case letters, "
                        + "digits, _): cannot grant the application's account its rows");
            }
            String rows = "SELECT, INSERT, UPDATE, DELETE";
            String sequences = "USAGE, SELECT";
            sql.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + appUser);
            sql.execute("GRANT " + rows + " ON ALL TABLES IN SCHEMA " + schema + " TO " + appUser);
            sql.execute("GRANT " + sequences + " ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + appUser);
            sql.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT " + rows + " ON TABLES TO " + appUser);
            sql.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT " + sequences + " ON SEQUENCES TO "
                    + appUser);
            sql.execute("REVOKE INSERT, UPDATE, DELETE ON " + schema + ".flyway_schema_history FROM " + appUser);
            sql.execute("REVOKE UPDATE, DELETE ON " + schema + ".audit_entry FROM " + appUser);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot grant the application's account its rows: " + e.getMessage(), e);
        }
    }
}
