package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidentIdsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void acceptsTheStandardsExampleAndNormalisesALowercaseX() {
        var id = ResidentIds.parse("idNumber", "11010519491231002x", TODAY);
        assertThat(id.number()).isEqualTo("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.masked()).isEqualTo("110105********002X");
    }

    @Test
    void acceptsTheOtherPublishedExample() {
        // GB 11643-1999's own example: born 1 January 1880, sequence 001, check character 4.
        assertThat(ResidentIds.parse("id", "440524188001010014", TODAY).birthDate()).isEqualTo(LocalDate.of(1880, 1, 1));
        assertThat(ResidentIds.parse("id", " 440524188001010014 ", TODAY).number()).isEqualTo("440524188001010014");
    }

    @Test
    void theCheckCharacterRunsFromZeroToNineAndX() {
        assertThat(ResidentIds.parse("id", "511802199005120190", TODAY).number()).endsWith("0");
        assertThat(ResidentIds.parse("id", "511802199005120019", TODAY).number()).endsWith("9");
        assertThatThrownBy(() -> ResidentIds.parse("id", "51180219900512019/", TODAY))
                .hasMessageContaining("digit or X");
        assertThatThrownBy(() -> ResidentIds.parse("id", "51180219900512001:", TODAY))
                .hasMessageContaining("digit or X");
    }

    @Test
    void refusesABadCheckCharacter() {
        assertThatThrownBy(() -> ResidentIds.parse("idNumber", "110105194912310021", TODAY))
                .isInstanceOf(BusinessException.class)
                .hasMessageContaining("check character")
                .satisfies(e -> assertThat(((BusinessException) e).fieldErrors().get(0).field()).isEqualTo("idNumber"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519490230", "1101051949023000AX", "11010519491231002", "110105194912310021X"})
    void refusesWrongLengthAndCharacters(String raw) {
        assertThatThrownBy(() -> ResidentIds.parse("id", raw, TODAY)).isInstanceOf(BusinessException.class);
    }

    @Test
    void refusesImpossibleAndFutureBirthDates() {
        assertThatThrownBy(() -> ResidentIds.parse("id", withCheck("11010519490230001"), TODAY))
                .hasMessageContaining("not a real date");
        assertThatThrownBy(() -> ResidentIds.parse("id", withCheck("11010520261126001"), TODAY))
                .hasMessageContaining("not possible");
        assertThatThrownBy(() -> ResidentIds.parse("id", withCheck("11010518691231001"), TODAY))
                .hasMessageContaining("not possible");
        assertThat(ResidentIds.parse("id", withCheck("11010520261125001"), TODAY).birthDate()).isEqualTo(TODAY);
    }

    @Test
    void theErrorNeverRepeatsTheNumber() {
        assertThatThrownBy(() -> ResidentIds.parse("id", "110105194912310021", TODAY))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1101051949"));
    }

    @Test
    void ageIsCountedInWholeYears() {
        var id = ResidentIds.parse("id", withCheck("51180220151231001"), TODAY);
        assertThat(id.ageOn(LocalDate.of(2026, 12, 31))).isEqualTo(11);
        assertThat(id.ageOn(LocalDate.of(2026, 12, 30))).isEqualTo(10);
    }

    static String withCheck(String first17) {
        return first17 + "10X98765432".charAt(weightedSum(first17) % 11);
    }

    private static int weightedSum(String id) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * w[i];
        }
        return sum;
    }
}
