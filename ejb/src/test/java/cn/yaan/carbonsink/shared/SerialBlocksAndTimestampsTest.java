package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SerialBlocksAndTimestampsTest {

    @Test
    void aBlockBecomesItsFirstAndLastUnitSerialAndBack() {
        Map<String, String> range = SerialBlocks.range("YA-FM-01-2024-0000000001-0000000250");
        assertThat(range).containsExactly(Map.entry("first", "YA-FM-01-2024-0000000001"),
                Map.entry("last", "YA-FM-01-2024-0000000250"));
        assertThat(SerialBlocks.block(range.get("first"), range.get("last")))
                .isEqualTo("YA-FM-01-2024-0000000001-0000000250");
        assertThat(SerialBlocks.ranges(List.of("BX-2023-0000000007-0000000007"))).containsExactly(
                Map.of("first", "BX-2023-0000000007", "last", "BX-2023-0000000007"));
        assertThat(SerialBlocks.ranges(null)).isEmpty();
    }

    @Test
    void everyInstantIsWrittenInUtcWithThreeFractionDigits() {
        assertThat(Timestamps.text(Instant.parse("2026-11-25T08:30:00Z"))).isEqualTo("2026-11-25T08:30:00.000Z");
        assertThat(Timestamps.text(Instant.parse("2026-11-25T08:30:00.123456789Z"))).isEqualTo("2026-11-25T08:30:00.123Z");
        assertThat(Timestamps.text(Instant.parse("2026-11-25T08:30:00.1Z"))).isEqualTo("2026-11-25T08:30:00.100Z");
        assertThat(Timestamps.text(null)).isNull();
    }
}
