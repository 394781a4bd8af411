package cn.yaan.carbonsink.justice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CaseNumbersTest {

    @Test
    void bothParenthesisStylesGiveTheSameCanonicalNumber() {
        CaseNumbers.CaseNumber ascii = CaseNumbers.parse("(2025)川1802刑初123号").orElseThrow();
        CaseNumbers.CaseNumber wide = CaseNumbers.parse("（2025）川1802刑初123号").orElseThrow();
        assertThat(ascii).isEqualTo(wide).isEqualTo(new CaseNumbers.CaseNumber(2025, "川1802", "刑初", 123));
        assertThat(ascii.canonical()).isEqualTo("（2025）川1802刑初123号");
        assertThat(CaseNumbers.parse(" ( 2022 ) 川1827 民初 7 号 ").orElseThrow().canonical()).isEqualTo("（2022）川1827民初7号");
        assertThat(CaseNumbers.parse("(2024)川18刑终45号")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2025川1802刑初123号", "(25)川1802刑初123号", "(2025)X1802刑初123号", "(2025)川1802刑初号",
            "(2025)川1802刑初0号", "(2025)川1802刑初123", "(2025)川1802123号", "(1899)川1802刑初1号",
            "(2025)川1802刑初123号; DROP TABLE x"})
    void refusesWhatIsNotACaseNumber(String text) {
        assertThat(CaseNumbers.parse(text)).isEmpty();
    }
}
