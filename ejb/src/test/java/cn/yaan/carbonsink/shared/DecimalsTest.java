package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DecimalsTest {

    private static final Decimals.Range VOLUME = Decimals.Range.above("0", "100000", 4);

    @ParameterizedTest
    @ValueSource(strings = {"1E-999999999", "1E+999999999", "1E400", "-1E-400", "0E-999999999", "0.00000000001",
            "1234567890123456", "12.5x", "", "0x10", "NaN", "Infinity"})
    void numbersBeyondTheGeneralBoundsAreNotParsed(String text) {
        assertThat(Decimals.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"150, 150", "-0, 0", "1.25E1, 12.5", "0.1000000000000, 0.1", "999999999999999, 999999999999999",
            "1E-10, 0.0000000001"})
    void numbersWithinTheGeneralBoundsAre(String text, String value) {
        assertThat(Decimals.parse(text)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(value));
    }

    @Test
    void aTextLongerThanAnyBoundedNumberIsNotEvenRead() {
        assertThat(Decimals.parse("0." + "0".repeat(100) + "1")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1E-999999999|volumeM3 must have at most 4 decimal places.",
            "0.00001|volumeM3 must have at most 4 decimal places.",
            "1E+999999999|volumeM3 must be at most 100000.",
            "100000.0001|volumeM3 must be at most 100000.",
            "0|volumeM3 must be more than 0.",
            "-0|volumeM3 must be more than 0.",
            "-1E+999999999|volumeM3 must be more than 0."})
    void aRangeSaysWhichBoundAValueBrokeWithoutComputingWithIt(String value, String message) {
        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> VOLUME.require("volumeM3", new BigDecimal(value)));
        assertThat(e.kind()).isEqualTo(BusinessException.Kind.INVALID);
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("volumeM3");
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0001", "100000", "100000.0000", "12.5"})
    void valuesInTheRangePass(String value) {
        assertThat(VOLUME.require("volumeM3", new BigDecimal(value))).isEqualByComparingTo(value);
    }

    @Test
    void anIncludedLowestValueAndWholeNumbersAreSaidSo() {
        Decimals.Range percent = Decimals.Range.between("1", "100", 0);
        assertThat(percent.problem("p", BigDecimal.ONE)).isEmpty();
        assertThat(percent.problem("p", new BigDecimal("0.5"))).hasValue("p must be a whole number.");
        assertThat(percent.problem("p", BigDecimal.ZERO)).hasValue("p must be at least 1.");
        assertThat(percent.problem("p", null)).hasValue("Give p, a number.");
    }
}
