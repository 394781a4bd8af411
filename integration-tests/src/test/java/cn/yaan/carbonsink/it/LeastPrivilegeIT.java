package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Least privilege on PostgreSQL (README, Database roles): the server migrates as the schema's owner and runs as an
 * application role that may read and write rows and nothing else, so the application's own account can neither
 * lift the audit ledger's append-only trigger nor edit the ledger's history. The suite's server runs this way
 * (TestServer creates both roles); the embedded H2 default has one account, so this runs with -Ppostgresql only.
 */
@ServerIT
class LeastPrivilegeIT {

    private static final String TRIGGER = "audit_entry_no_update_or_delete";

    /** The statement is refused for want of privilege (SQLSTATE 42501), before any trigger could be asked. */
    private static void refused(Statement sql, String statement) {
        assertThatThrownBy(() -> sql.execute(statement)).as(statement).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    @Test
    void theApplicationsAccountCanNeitherLiftTheAuditTriggerNorEditTheAuditLedger() throws Exception {
        RequiredSuites.assumeAvailable(RequiredSuites.POSTGRESQL, TestDatabase.postgresql(),
                "database roles are PostgreSQL's (run with -Ppostgresql)");
        TestProjects.projectWithIssuance(Api.server(), TestProjects.newCode(), 10);
        try (Connection app = TestDatabase.connectAs(TestDatabase.APP_ROLE); Statement sql = app.createStatement()) {
            refused(sql, "ALTER TABLE audit_entry DISABLE TRIGGER " + TRIGGER);
            refused(sql, "ALTER TABLE audit_entry DISABLE TRIGGER ALL");
            refused(sql, "DROP TRIGGER " + TRIGGER + " ON audit_entry");
            refused(sql, "DROP FUNCTION audit_entry_append_only()");
            refused(sql, "UPDATE audit_entry SET payload = payload");
            refused(sql, "DELETE FROM audit_entry");
            refused(sql, "TRUNCATE audit_entry");
            refused(sql, "ALTER TABLE unit_order ADD COLUMN sneaky INT");
            refused(sql, "CREATE TABLE sneaky (id INT)");
            refused(sql, "DELETE FROM flyway_schema_history");
            // What it is for: rows.
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM audit_entry")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void theServerMigratedAsTheOwnerAndRunsAsTheApplicationRole() throws Exception {
        RequiredSuites.assumeAvailable(RequiredSuites.POSTGRESQL, TestDatabase.postgresql(),
                "database roles are PostgreSQL's (run with -Ppostgresql)");
        try (Connection db = TestDatabase.connect()) {
            try (PreparedStatement q = db.prepareStatement("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = ?")) {
                q.setString(1, TestServer.PG_SCHEMA);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(TestDatabase.OWNER_ROLE);
                    assertThat(rs.next()).as("one owner of every table").isFalse();
                }
            }
            try (PreparedStatement q = db.prepareStatement("SELECT usename, count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND usename IN (?, ?) GROUP BY usename")) {
                q.setString(1, TestDatabase.OWNER_ROLE);
                q.setString(2, TestDatabase.APP_ROLE);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).as("the server's connections").isTrue();
                    assertThat(rs.getString(1)).isEqualTo(TestDatabase.APP_ROLE);
                    assertThat(rs.next()).as("no connection of the owner stays open").isFalse();
                }
            }
        }
    }
}
