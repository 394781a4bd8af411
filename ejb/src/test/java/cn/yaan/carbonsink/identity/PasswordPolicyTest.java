package cn.yaan.carbonsink.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Demo#2026", "tea-garden-7", "森林碳汇森林碳汇2026"})
    void acceptable(String password) {
        assertThat(PasswordPolicy.problem(password, "someone")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"short1", "abcdefgh", "12345678", "''"})
    void refused(String password) {
        assertThat(PasswordPolicy.problem(password, "someone")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void lengthCap(int length) {
        String password = "a1".repeat(length / 2) + (length % 2 == 1 ? "b" : "");
        assertThat(PasswordPolicy.problem(password, "x").isPresent()).isEqualTo(length > 128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"citizen11", "CITIZEN11", "my-citizen11-pw", "1Citizen11"})
    void notContainingTheUsername(String password) {
        assertThat(PasswordPolicy.problem(password, "citizen11")).hasValue("The password must not contain the username.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1", "qwerty123", "Password1", "1q2w3e4r", "abc12345", "woaini1314", "qq123456",
            "a123456789", "1qaz2wsx", "a5201314"})
    void notOneOfTheMostCommonPasswords(String password) {
        assertThat(PasswordPolicy.problem(password, "someone")).hasValueSatisfying(p -> assertThat(p).contains("most common"));
    }

    @Test
    void theDemoPasswordAndThoseOfTheTestsAreNotCommon() {
        for (String password : new String[]{"Demo#2026", "Secret#123", "Plant3Trees"}) {
            assertThat(PasswordPolicy.problem(password, "citizen")).as(password).isEmpty();
        }
    }
}
