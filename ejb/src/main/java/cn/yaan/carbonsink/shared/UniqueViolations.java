package cn.yaan.carbonsink.shared;

import java.sql.SQLException;

/**
 * Tells a unique-constraint violation (SQLState 23505, on H2 and on PostgreSQL) apart from every other failure of a
 * write. Code that turns "someone inserted the same key at the same moment" into an answer must ask this first:
 * taking any persistence failure for a duplicate once answered a too-long value with "you are registered already".
 */
public final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** Whether the failure, or one of its causes, is the database refusing a duplicate key. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
