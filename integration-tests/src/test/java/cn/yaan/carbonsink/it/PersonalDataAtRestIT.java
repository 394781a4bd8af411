package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Personal data at rest: a citizen's real name is stored nowhere in clear, only sealed (and masked where the
 * ledger and certificates need a name); the embedded database's TCP port listens on the loopback interface only.
 */
@ServerIT
class PersonalDataAtRestIT {

    private final Api api = Api.server();

    /** A name no other test uses: a rare family name and two given-name characters drawn at random. */
    static String uniqueName() {
        String chars = "婷芳敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华慧巧美娟兰凤洁琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "司马" + chars.charAt(random.nextInt(chars.length())) + chars.charAt(random.nextInt(chars.length()));
    }

    /** Every text column of every table that holds {@code value} somewhere, as "table.column". */
    static List<String> columnsHolding(Connection db, String value) throws SQLException {
        List<String> found = new ArrayList<>();
        DatabaseMetaData meta = db.getMetaData();
        String schema = TestDatabase.postgresql() ? TestServer.PG_SCHEMA : "PUBLIC";
        Set<Integer> text = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR);
        try (ResultSet columns = meta.getColumns(null, schema, "%", "%")) {
            while (columns.next()) {
                if (!text.contains(columns.getInt("DATA_TYPE"))) {
                    continue;
                }
                String table = columns.getString("TABLE_NAME");
                String column = columns.getString("COLUMN_NAME");
                try (PreparedStatement q = db.prepareStatement("select count(*) from \"" + table + "\" where \""
                        + column + "\" like ?")) {
                    q.setString(1, "%" + value + "%");
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(table + "." + column);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aCitizensRealNameIsStoredOnlySealed() throws Exception {
        String name = uniqueName();
        String username = PublicDutyIT.username();
        Api.Reply registered = api.postJson("/api/v1/public/citizens", Json.createObjectBuilder().add("username", username)
                .add("name", name).add("idNumber", TestCitizens.idNumber(LocalDate.of(1985, 6, 6)))
                .add("phone", "13912345678").add("password", "Plant3Trees").add("consent", true).build().toString());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String token = api.login(username, "Plant3Trees");
        assertThat(api.get("/api/v1/me/citizen", token).json().getString("name")).as("the citizen sees it").isEqualTo(name);
        assertThat(api.get("/api/v1/me", token).json().getString("displayName")).isEqualTo("司***");

        try (Connection db = TestDatabase.connect()) {
            assertThat(columnsHolding(db, name)).as("columns holding the name in clear").isEmpty();
            try (PreparedStatement q = db.prepareStatement("select p.name_sealed from citizen_profile p join account a "
                    + "on a.id = p.account_id where a.username = ?")) {
                q.setString(1, username);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith("v1:");
                }
            }
        }
    }

    @Test
    void theEmbeddedDatabaseListensOnTheLoopbackInterfaceOnly() throws Exception {
        assumeFalse(TestDatabase.postgresql(), "the embedded H2 database only");
        // H2 writes the address of the TCP server it opened for other local processes (AUTO_SERVER) into its lock file.
        Properties lock = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("it.server.home"),
                "standalone/data/carbonsink/carbonsink.lock.db"))) {
            lock.load(in);
        }
        String server = lock.getProperty("server");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        List<InetAddress> listening = listeningAddresses(port);
        assertThat(listening).as("sockets listening on H2's port " + port).isNotEmpty()
                .allMatch(InetAddress::isLoopbackAddress);
    }

    /** The local addresses of the sockets listening on a TCP port, from the kernel's tables (Linux). */
    static List<InetAddress> listeningAddresses(int port) throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if ("0A".equals(fields[3]) && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** An address of /proc/net/tcp: hexadecimal, each 32-bit word in the machine's (little-endian) order. */
    private static InetAddress address(String hex) throws Exception {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int word = i / 4;
            int at = word * 8 + (3 - i % 4) * 2;
            bytes[i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
        }
        return InetAddress.getByAddress(bytes);
    }
}
