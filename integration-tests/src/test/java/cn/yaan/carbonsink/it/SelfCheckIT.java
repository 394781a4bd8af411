package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's self-check finds a row changed behind the application's back, names the check and the row, and is
 * clean again once the row is put back. Each corruption is one that a bug of the past produced (a retirement without
 * all its serials, a held order's units gone back to stock, a booking holding no place).
 */
@ServerIT
class SelfCheckIT {

    private final Api api = Api.server();

    /** Failed checks by name, each with its examples. */
    private Map<String, String> failures() {
        Api.Reply reply = api.get("/api/v1/ledger/verification", api.token("admin"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject report = reply.json();
        Map<String, String> failed = report.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> !c.getBoolean("ok"))
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getJsonArray("examples").toString()));
        assertThat(report.getBoolean("ok")).isEqualTo(failed.isEmpty());
        return failed;
    }

    private static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection db = TestDatabase.connect(); PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            assertThat(s.executeUpdate()).as(sql).isPositive();
        }
    }

    @Test
    void aRetirementMissingASerialIsFoundAndNamed() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        Api.Reply retired = api.postJson("/api/v1/retirements", "{\"projectCode\":\"" + code + "\",\"quantityKg\":100,"
                + "\"beneficiary\":\"某企业\",\"purpose\":\"DIRECT\"}", api.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        long id = retired.json().getJsonNumber("id").longValue();
        assertThat(failures()).isEmpty();

        execute("UPDATE retirement_range SET last_serial = last_serial - 1 WHERE retirement_id = ?", id);
        try {
            Map<String, String> failed = failures();
            assertThat(failed).containsKeys("retirement-quantity", "issuance-figures", "certificate-units");
            assertThat(failed.get("retirement-quantity")).contains("retirement " + id + ": 100 kg, serial ranges of 99 kg");
            assertThat(failed.get("certificate-units")).contains("1 of its 100 kg are not retired");
        } finally {
            execute("UPDATE retirement_range SET last_serial = last_serial + 1 WHERE retirement_id = ?", id);
        }
        assertThat(failures()).isEmpty();
    }

    @Test
    void heldUnitsGoneBackToStockAndABookingHoldingNoPlaceAreFound() throws Exception {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String citizen = TestCitizens.register(api);
        JsonObject order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":40}", citizen).json();
        long orderId = order.getJsonNumber("id").longValue();

        execute("DELETE FROM order_hold WHERE order_id = ?", orderId);
        try {
            assertThat(failures()).containsOnlyKeys("holds", "issuance-figures").hasEntrySatisfying("holds",
                    examples -> assertThat(examples).contains("order " + orderId + " (PENDING_PAYMENT, 40 kg) holds 0 kg"));
        } finally {
            try (Connection db = TestDatabase.connect(); PreparedStatement s = db.prepareStatement(
                    "INSERT INTO order_hold (order_id, issuance_id, quantity_kg) SELECT ?, i.id, 40 FROM issuance i "
                            + "JOIN sink_project p ON p.id = i.project_id WHERE p.code = ?")) {
                s.setLong(1, orderId);
                s.setString(2, code);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(failures()).isEmpty();

        JsonObject slot = TestSites.newSlot(api, "BFX", 10);
        long slotId = slot.getJsonNumber("id").longValue();
        assertThat(api.postJson("/api/v1/bookings", TestSites.booking(slotId, 2, TestSites.CAR_TRIP), citizen).status())
                .isEqualTo(201);
        execute("UPDATE visit_slot SET booked = booked - 2 WHERE id = ?", slotId);
        try {
            assertThat(failures()).containsOnlyKeys("slot-places").hasEntrySatisfying("slot-places",
                    examples -> assertThat(examples).contains("slot " + slotId + ": 0 places booked, bookings hold 2"));
        } finally {
            execute("UPDATE visit_slot SET booked = booked + 2 WHERE id = ?", slotId);
        }
        assertThat(failures()).isEmpty();
        List.of(order).forEach(o -> api.send(Api.authorizedRequest(api.request("/api/v1/orders/"
                + o.getJsonNumber("id")).DELETE(), citizen)));
    }
}
