package cn.yaan.carbonsink.platform;

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
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Brings the database to the current schema before anything else runs: Flyway applies the migrations in
 * {@code resources/src/main/resources/db/migration} (and {@code db/vendor/<database>} for what only one database
 * needs), then Hibernate validates the mapping against the result.
 * The persistence unit itself never touches the schema ({@code hibernate.hbm2ddl.auto=none}), because it starts
 * before this bean and would validate an empty database. Flyway locks its history table, so several nodes starting
 * at once migrate once.
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
    private String[] locations() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgresql")
                    ? new String[]{"classpath:db/migration", "classpath:db/vendor/postgresql"}
                    : new String[]{"classpath:db/migration"};
        } catch (SQLException e) {
            throw new IllegalStateException("The database does not answer", e);
        }
    }

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(locations())
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
        emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        LOG.info("Hibernate validated the mapping against the schema");
    }
}
