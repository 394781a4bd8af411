package cn.yaan.carbonsink.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A digest of every row of every application table, to show that a refused request changed nothing. Tables that
 * legitimately change on every request (API tokens of logins, Flyway's history) are left out.
 */
public final class DatabaseFingerprint {

    private static final Set<String> IGNORED = Set.of("api_token", "flyway_schema_history");

    /**
     * Tables whose rows are compared without the columns the webhook sender changes in the background (attempts,
     * status and times of a delivery, a subscription's sending lease): which rows exist still counts.
     */
    private static final Map<String, String> COLUMNS = Map.of(
            "webhook_delivery", "id, subscription_id, event_id, created_at",
            "webhook_subscription", "id, organisation_code, url, event_types, secret_sealed, created_by, created_at, active");

    private DatabaseFingerprint() {
    }

    public static Map<String, String> take() {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = CURRENT_SCHEMA AND table_type IN ('BASE TABLE', 'TABLE')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (IGNORED.contains(table.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                digests.put(table.toLowerCase(Locale.ROOT), digest(s, table));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (digests.isEmpty()) {
            throw new IllegalStateException("No application tables found: is the fingerprint looking at the right schema?");
        }
        return digests;
    }

    private static String digest(Statement s, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS.getOrDefault(table.toLowerCase(Locale.ROOT), "*")
                + " FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('\u0001');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
            return rows.size() + ":" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
