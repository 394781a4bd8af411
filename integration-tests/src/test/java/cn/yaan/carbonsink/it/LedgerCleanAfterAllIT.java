package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other class of the suite (the class order is by {@link Order}, see junit-platform.properties):
 * whatever the suites did to the ledger, in storms, races, crashes and bad input, the ledger's self-check finds it
 * consistent: every retirement's serials, every issuance's figures, every certificate's units, every booking's places,
 * and the audit chain.
 */
@ServerIT
@Order(Integer.MAX_VALUE)
class LedgerCleanAfterAllIT {

    @Test
    void theLedgersSelfCheckIsCleanAfterAllSuites() {
        Api api = Api.server();
        Api.Reply reply = api.get("/api/v1/ledger/verification?full=true", api.token("admin"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject report = reply.json();
        assertThat(report.getBoolean("ok")).as(report.toString()).isTrue();
        assertThat(report.getJsonNumber("entries").longValue()).as("audit entries checked").isPositive();
    }
}
