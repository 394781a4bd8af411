package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocialCreditCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y43", // GB 32100-2015's own example
            "9144030071526726XG", // a Shenzhen enterprise, check character G
            "91330100799655058B", // a Hangzhou enterprise, check character B
            "914403001922038216", // a Shenzhen enterprise, check character 6
            "51100000500010993L"  // a national social organisation (民政, 社会团体)
    })
    void acceptsRealCodes(String code) {
        assertThat(SocialCreditCodes.parse("code", code).code()).isEqualTo(code);
    }

    @Test
    void normalisesSpacesAndLowerCaseAndTellsTheAuthorityAndType() {
        var code = SocialCreditCodes.parse("code", " 91350100m000100y43 ");
        assertThat(code.code()).isEqualTo("91350100M000100Y43");
        assertThat(code.authority()).isEqualTo('9');
        assertThat(code.type()).isEqualTo('1');
        assertThat(code.enterprise()).isTrue();
        assertThat(SocialCreditCodes.parse("code", "51100000500010993L").enterprise()).isFalse();
    }

    @Test
    void aCheckCharacterOfZeroIsComputedAsZeroNotThirtyOne() {
        // 31 - (sum mod 31) is 31 when the sum is a multiple of 31: the check character is then 0.
        String body = zeroCheckBody();
        assertThat(SocialCreditCodes.parse("code", body + "0").code()).endsWith("0");
    }

    @Test
    void refusesAMissingCode() {
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", null)).hasMessageContaining("18-character");
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", "  ")).hasMessageContaining("18-character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", "9135"})
    void refusesAWrongLength(String code) {
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", code))
                .isInstanceOf(BusinessException.class)
                .hasMessageContaining("18 characters")
                .hasMessageContaining("has " + code.length());
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V', '-', '中'})
    void refusesCharactersTheStandardLeavesOut(char c) {
        String code = "91350100M000100" + c + "43";
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", code))
                .hasMessageContaining("character 16")
                .hasMessageContaining("I, O, Z, S, V");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "B", "X"})
    void refusesAnUnknownRegistrationAuthority(String authority) {
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", withCheck(authority + "1350100M000100Y4")))
                .hasMessageContaining("registration authority");
    }

    @ParameterizedTest
    @ValueSource(strings = {"94", "90", "54", "14", "A2"})
    void refusesATypeTheAuthorityDoesNotHave(String authorityAndType) {
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", withCheck(authorityAndType + "350100M000100Y4")))
                .hasMessageContaining("type");
    }

    @Test
    void refusesAnAreaCodeThatIsNotSixDigits() {
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", withCheck("913501A0M000100Y4")))
                .hasMessageContaining("characters 3 to 8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91350100M000100Y4A", "9144030071526726XH", "914403001922038261"})
    void refusesAWrongCheckCharacter(String code) {
        assertThatThrownBy(() -> SocialCreditCodes.parse("code", code))
                .hasMessageContaining("check character");
    }

    @Test
    void namesTheFieldItWasGivenAndNeverRepeatsTheCode() {
        try {
            SocialCreditCodes.parse("creditCode", "91350100M000100Y44");
        } catch (BusinessException e) {
            assertThat(e.fieldErrors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("creditCode"));
            assertThat(e.getMessage()).doesNotContain("91350100M000100Y44");
            return;
        }
        throw new AssertionError("not refused");
    }

    /** The first 17 characters with the check character computed here, independently of the class under test. */
    static String withCheck(String first17) {
        return first17 + checkOf(first17);
    }

    private static char checkOf(String first17) {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return chars.charAt((31 - sum % 31) % 31);
    }

    private static String zeroCheckBody() {
        for (int n = 0; n < 100_000; n++) {
            String body = "9151180" + String.format("%010d", n);
            if (checkOf(body) == '0') {
                return body;
            }
        }
        throw new AssertionError("no body with check character 0");
    }
}
