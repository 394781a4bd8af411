package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void personalNamesKeepTheirFirstCharacter() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("李")).isEqualTo("*");
        assertThat(Masking.name(" ")).isEmpty();
    }

    @Test
    void longerNamesKeepTheirFirstAndLastTwoCharacters() {
        assertThat(Masking.name("雅安市绿色能源有限公司")).isEqualTo("雅安***公司");
        assertThat(Masking.name("Sichuan Ya'an Tea Co")).isEqualTo("Si***Co");
    }

    @Test
    void whatCannotBeSeenOrReordersTextNeverReachesAPublicPage() {
        // Stored before input was checked: a right-to-left override would reverse the masked text that follows it.
        assertThat(Masking.name("\u202E张三丰")).isEqualTo("张**");
        assertThat(Masking.name("Sichuan\u202E Ya'an Tea Co\u202C")).isEqualTo("Si***Co");
        assertThat(Masking.name("\u200B\u200B")).isEmpty();
        assertThat(Masking.name("李\u0000")).isEqualTo("*");
        assertThat(Masking.name("😀😀")).isEqualTo("😀*");
    }

    @Test
    void idNumbersKeepTheirFirstSixAndLastFour() {
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110105********002X");
        assertThat(Masking.idNumber("123")).isEqualTo("***");
        assertThat(Masking.idNumber(null)).isEmpty();
    }

    @Test
    void anIdNumberIsNeverShownWhole() {
        // Ten characters are exactly the six and the four that are kept: nothing would be hidden.
        assertThat(Masking.idNumber("1234567890")).isEqualTo("**********");
        assertThat(Masking.idNumber("12345678901")).isEqualTo("123456*8901");
    }

    @Test
    void mobileNumbersHideTheirMiddleFourDigits() {
        assertThat(Masking.phone("13912345678")).isEqualTo("139****5678");
        assertThat(Masking.phone("1391234")).isEqualTo("*******");
        assertThat(Masking.phone(null)).isEmpty();
    }
}
