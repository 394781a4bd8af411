package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"张\u0000三", "a\tb", "a\nb", "a\u007Fb", "a\u0085b", "abc\u202Egpj.exe", "\u202Aa", "\u2066a\u2069",
            "a\u200Eb", "a\u200Fb", "a\u061Cb", "\uD800", "a\uDC00b"})
    void controlsBidiControlsAndHalfCharactersAreRefused(String text) {
        assertThat(FreeText.characterProblem(text)).isPresent();
        assertThat(FreeText.problem(text, 50)).isPresent();
        assertThatThrownBy(() -> FreeText.required("name", text, 50)).isInstanceOf(BusinessException.class)
                .hasMessageStartingWith("name must not contain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200B\u200C\u200D\uFEFF", "\u00AD", "\u3164\u3164", "\u2800", "\u0301\u0301",
            "\u3000\u200B"})
    void textThatIsEmptyOnceInvisibleCharactersAreLeftOutIsRefused(String text) {
        assertThat(FreeText.problem(text, 50)).hasValue("must contain visible characters, not only invisible ones.");
    }

    @Test
    void lengthIsCountedInCharactersAsPeopleCountThem() {
        String emoji = "😀".repeat(50);
        assertThat(emoji.length()).isEqualTo(100);
        assertThat(FreeText.problem(emoji, 50)).isEmpty();
        assertThat(FreeText.problem(emoji + "😀", 50)).hasValue("must have at most 50 characters (it has 51).");
        assertThat(FreeText.problem("欧阳娜娜", 4)).isEmpty();
        // "e" and a combining acute accent are one character once normalised.
        assertThat(FreeText.problem("e\u0301".repeat(50), 50)).isEmpty();
    }

    @Test
    void floodsOfCombiningMarksAreRefused() {
        assertThat(FreeText.problem("Z" + "\u0301\u0308\u0323\u0330".repeat(5), 50))
                .hasValue("must not stack more than 4 accents on one character.");
        assertThat(FreeText.problem("Ở\u0300", 50)).isEmpty();
    }

    @Test
    void whatIsStoredIsNfcWithoutSurroundingSpace() {
        assertThat(FreeText.required("name", "  e\u0301  ", 50)).isEqualTo("é");
        assertThat(FreeText.optional("name", "   ", 50)).isNull();
        assertThat(FreeText.optional("name", null, 50)).isNull();
        assertThatThrownBy(() -> FreeText.required("name", " ", 50)).isInstanceOf(BusinessException.class)
                .hasMessage("name is required.");
        // Joiners inside an emoji sequence are kept: they are part of what is seen.
        assertThat(FreeText.required("name", "王👨\u200D👩\u200D👧", 50)).isEqualTo("王👨\u200D👩\u200D👧");
    }

    @Test
    void visibleLeavesOutWhatCannotBeSeenOrReordersText() {
        assertThat(FreeText.visible("张\u202E三\u200B\u0000")).isEqualTo("张三");
        assertThat(FreeText.visible("\uD800x")).isEqualTo("x");
    }
}
