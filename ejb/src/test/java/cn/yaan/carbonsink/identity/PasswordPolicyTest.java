package cn.yaan.carbonsink.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Demo#2026", "abcdefg1", "森林碳汇森林碳汇2026"})
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
    @ValueSource(strings = {"citizen11", "CITIZEN11"})
    void notTheUsername(String password) {
        assertThat(PasswordPolicy.problem(password, "citizen11")).isPresent();
    }
}
