package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.BusinessException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialNumbersTest {

    @Test
    void serialsAndBlocksAreZeroPaddedToTenDigits() {
        assertThat(SerialNumbers.serial("BX-FM-01", 2024, 1)).isEqualTo("BX-FM-01-2024-0000000001");
        assertThat(SerialNumbers.block("YA-FM-01", 2023, 251, 10_000)).isEqualTo("YA-FM-01-2023-0000000251-0000010000");
    }

    @Test
    void parsesWhatItWrites() {
        SerialNumbers.Serial s = SerialNumbers.parse("BX-FM-01-2024-0000012345");
        assertThat(s).isEqualTo(new SerialNumbers.Serial("BX-FM-01", 2024, 12_345));
        assertThat(SerialNumbers.parse(" YAAN-2023-9999999999 ")).isEqualTo(new SerialNumbers.Serial("YAAN", 2023, 9_999_999_999L));
        assertThat(SerialNumbers.parse("YAAN-2023-0000000001").number()).isEqualTo(1);
    }

    @Test
    void serialsOfUpToEightyCharactersAreRead() {
        String longest = "P".repeat(80 - "-2024-0000000001".length()) + "-2024-0000000001";
        assertThat(SerialNumbers.parse(longest).number()).isEqualTo(1);
        assertThatThrownBy(() -> SerialNumbers.parse("P" + longest)).isInstanceOf(BusinessException.class);
    }

    @Test
    void refusesWhatIsNotASerial() {
        for (String bad : new String[]{"", "BX-FM-01", "BX-FM-01-2024-1", "bx-fm-01-2024-0000000001",
                "BX-FM-01-2024-0000000000", "BX-FM-01-24-0000000001", "X".repeat(90), "BX-FM-01-2024-0000000001-0000000002"}) {
            assertThatThrownBy(() -> SerialNumbers.parse(bad)).as(bad).isInstanceOf(BusinessException.class);
        }
        assertThatThrownBy(() -> SerialNumbers.parse(null)).isInstanceOf(BusinessException.class);
    }

    @Test
    void numbersOutsideTheTenDigitsAreNotWritten() {
        assertThat(SerialNumbers.serial("P", 2024, 9_999_999_999L)).isEqualTo("P-2024-9999999999");
        assertThatThrownBy(() -> SerialNumbers.serial("P", 2024, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialNumbers.serial("P", 2024, 10_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockIsReadBackAsWritten() {
        SerialNumbers.Block block = SerialNumbers.parseBlock(SerialNumbers.block("BX-FM-01", 2024, 11, 25)).orElseThrow();
        assertThat(block).isEqualTo(new SerialNumbers.Block("BX-FM-01", 2024, 11, 25));
        assertThat(block.size()).isEqualTo(15);
        assertThat(SerialNumbers.parseBlock(" BX-2024-0000000007-0000000007 ").orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void aBlockThatIsEmptyOrStartsAtZeroOrIsNotOneIsRefused() {
        assertThat(SerialNumbers.parseBlock("BX-2024-0000000008-0000000007")).as("last before first").isEmpty();
        assertThat(SerialNumbers.parseBlock("BX-2024-0000000000-0000000007")).as("serial 0").isEmpty();
        assertThat(SerialNumbers.parseBlock("BX-2024-0000000007")).as("a single serial").isEmpty();
        assertThat(SerialNumbers.parseBlock("")).isEmpty();
        assertThat(SerialNumbers.parseBlock("BX-2024-0000000001-0000000001")).isPresent();
    }
}
