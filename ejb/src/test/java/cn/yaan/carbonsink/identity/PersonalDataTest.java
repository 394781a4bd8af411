package cn.yaan.carbonsink.identity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataTest {

    private static PersonalData withKey(byte fill) {
        PersonalData data = new PersonalData();
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        data.use(key);
        return data;
    }

    @Test
    void protectedValuesRoundTripAndNeverShowTheClearText() {
        PersonalData data = withKey((byte) 1);
        String sealed = data.protect("11010519491231002X");
        assertThat(sealed).startsWith("v1:").doesNotContain("1101051949");
        assertThat(data.protect("11010519491231002X")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(data.reveal(sealed)).isEqualTo("11010519491231002X");
    }

    @Test
    void lookupHashesAreStablePerKeyAndDifferAcrossKeys() {
        assertThat(withKey((byte) 1).lookupHash("11010519491231002X"))
                .isEqualTo(withKey((byte) 1).lookupHash("11010519491231002X"))
                .isNotEqualTo(withKey((byte) 2).lookupHash("11010519491231002X"))
                .hasSize(64);
    }

    @Test
    void anotherKeyOrATamperedValueCannotBeRevealed() {
        String sealed = withKey((byte) 1).protect("13800138000");
        assertThatThrownBy(() -> withKey((byte) 2).reveal(sealed)).isInstanceOf(IllegalStateException.class);
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> withKey((byte) 1).reveal(new String(chars))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConfiguredKeyMustBe32Bytes() {
        assertThatThrownBy(() -> PersonalData.decodeKey("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThat(PersonalData.decodeKey(java.util.Base64.getEncoder().encodeToString(new byte[32]))).hasSize(32);
    }
}
