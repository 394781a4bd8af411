package cn.yaan.carbonsink.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredSecretsTest {

    @Test
    void productionNeedsEverySecretAndTheEmbeddedDefaultNone() {
        assertThat(RequiredSecrets.missing(false, key -> null)).isEqualTo(RequiredSecrets.SECRETS);
        assertThat(RequiredSecrets.missing(false, Map.of("carbonsink.personal-data-key", "a2V5")::get)).isEmpty();
        assertThat(RequiredSecrets.missing(true, key -> null)).isEmpty();
    }
}
