package cn.yaan.carbonsink.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void hashMatchesItsPasswordOnly() {
        String hash = PasswordHasher.hash("Demo#2026");
        assertThat(hash).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$");
        assertThat(PasswordHasher.matches("Demo#2026", hash)).isTrue();
        assertThat(PasswordHasher.matches("demo#2026", hash)).isFalse();
        assertThat(PasswordHasher.matches("", hash)).isFalse();
    }

    @Test
    void samePasswordGetsDifferentSalts() {
        assertThat(PasswordHasher.hash("Secret#123")).isNotEqualTo(PasswordHasher.hash("Secret#123"));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(PasswordHasher.matches("x", null)).isFalse();
        assertThat(PasswordHasher.matches("x", "plain")).isFalse();
        assertThat(PasswordHasher.matches("x", "pbkdf2-sha256$abc$!!$!!")).isFalse();
        assertThat(PasswordHasher.matches("x", "md5$1$aa$bb")).isFalse();
    }
}
