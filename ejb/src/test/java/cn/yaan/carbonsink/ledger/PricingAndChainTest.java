package cn.yaan.carbonsink.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingAndChainTest {

    @Test
    void amountIsRoundedUpToTheFen() {
        // 8000 fen per tonne = 8 fen per kg.
        assertThat(SinkProject.amountFen(250, 8000)).isEqualTo(2000);
        // 1 kg at 8001 fen/t is 8.001 fen: the buyer pays 9.
        assertThat(SinkProject.amountFen(1, 8001)).isEqualTo(9);
        assertThat(SinkProject.amountFen(1000, 8001)).isEqualTo(8001);
        assertThat(SinkProject.amountFen(3, 1)).isEqualTo(1);
        assertThatThrownBy(() -> SinkProject.amountFen(Long.MAX_VALUE / 2, 8000)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void everyFieldOfAnEntryIsInItsHash() {
        Instant at = Instant.parse("2026-11-25T08:00:00.123456Z");
        String base = AuditChain.hash(AuditChain.GENESIS, 1, at, "officer", "RETIRED kg=250");
        assertThat(base).hasSize(64).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 2, at, "officer", "RETIRED kg=250"))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, at.plusNanos(1000), "officer", "RETIRED kg=250"))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, at, "admin", "RETIRED kg=250"))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, at, "officer", "RETIRED kg=251"))
                .isNotEqualTo(AuditChain.hash("1".repeat(64), 1, at, "officer", "RETIRED kg=250"));
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, at, "officer", "RETIRED kg=250")).isEqualTo(base);
    }
}
