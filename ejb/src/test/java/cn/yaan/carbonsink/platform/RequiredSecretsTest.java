package cn.yaan.carbonsink.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredSecretsTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "carbonsink.personal-data-key", "a2V5",
            "carbonsink.signing.keystore", "/etc/carbonsink/signing.p12",
            "carbonsink.public-url", "https://tanhui.yaan.gov.cn");

    private static List<String> problems(Map<String, String> settings, boolean testServer) {
        return RequiredSecrets.problems(settings::get, settings::get, testServer);
    }

    private static Map<String, String> without(String key) {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        settings.remove(key);
        return settings;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        settings.put(key, value);
        return settings;
    }

    @Test
    void aCompleteProductionConfigurationHasNoProblem() {
        assertThat(problems(COMPLETE, false)).isEmpty();
    }

    @Test
    void eachMissingSecretIsNamedByTheVariableAnOperatorSets() {
        assertThat(problems(without("carbonsink.personal-data-key"), false)).singleElement().asString()
                .startsWith("CARBONSINK_PERSONAL_DATA_KEY");
        assertThat(problems(without("carbonsink.signing.keystore"), false)).singleElement().asString()
                .startsWith("CARBONSINK_SIGNING_KEYSTORE");
        assertThat(problems(Map.of(), false)).hasSize(3);
    }

    @Test
    void aConfiguredPaymentProviderNeedsEachOfItsKeys() {
        assertThat(problems(with("carbonsink.payments.wechat.merchant-id", "1900000109"), false))
                .hasSize(6).allSatisfy(p -> assertThat(p).contains("WeChat Pay is configured"))
                .anySatisfy(p -> assertThat(p).startsWith("CARBONSINK_WECHAT_API_V3_KEY_FILE"))
                .anySatisfy(p -> assertThat(p).startsWith("CARBONSINK_WECHAT_PRIVATE_KEY_FILE"));
        Map<String, String> wechat = new HashMap<>(COMPLETE);
        wechat.putAll(Map.of("carbonsink.payments.wechat.merchant-id", "1900000109",
                "carbonsink.payments.wechat.app-id", "wxd678efh567hg6787",
                "carbonsink.payments.wechat.merchant-serial", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                "carbonsink.payments.wechat.private-key", "-----BEGIN PRIVATE KEY-----",
                "carbonsink.payments.wechat.public-key-id", "PUB_KEY_ID_0119000001092026000000000001",
                "carbonsink.payments.wechat.public-key", "-----BEGIN PUBLIC KEY-----",
                "carbonsink.payments.wechat.api-v3-key", "0123456789abcdef0123456789abcdef"));
        assertThat(problems(wechat, false)).isEmpty();
        assertThat(problems(with("carbonsink.payments.alipay.app-id", "2021000149600001"), false)).hasSize(2)
                .allSatisfy(p -> assertThat(p).startsWith("CARBONSINK_ALIPAY_").contains("Alipay is configured"));
    }

    @Test
    void thePublicAddressIsAnHttpsAddressOfARealHost() {
        assertThat(problems(without("carbonsink.public-url"), false)).singleElement().asString()
                .startsWith("CARBONSINK_PUBLIC_URL").contains("missing");
        for (String local : List.of("http://localhost:8080", "https://localhost", "http://127.0.0.1:18080",
                "https://[::1]/", "https://app.localhost")) {
            assertThat(problems(with("carbonsink.public-url", local), false)).as(local).singleElement().asString()
                    .contains("local address");
        }
        assertThat(problems(with("carbonsink.public-url", "http://tanhui.yaan.gov.cn"), false)).singleElement()
                .asString().contains("https");
        assertThat(problems(with("carbonsink.public-url", "https://tanhui yaan"), false)).singleElement()
                .asString().contains("not an address");
    }

    @Test
    void onlyATestServerMayUseALocalAddress() {
        assertThat(problems(with("carbonsink.public-url", "http://localhost:18080"), true)).isEmpty();
        assertThat(problems(with("carbonsink.public-url", "http://tanhui.yaan.gov.cn"), true)).hasSize(1);
    }

    @Test
    void theSimulatedProviderNeedsItsSecretOnlyWhenItIsOn() {
        assertThat(problems(with("carbonsink.simulated-payments", "false"), false)).isEmpty();
        Map<String, String> on = with("carbonsink.simulated-payments", "true");
        assertThat(problems(on, false)).singleElement().asString().startsWith("CARBONSINK_SIMULATED_PAYMENTS_SECRET");
        on.put("carbonsink.payments.simulated.secret", "s3cret");
        assertThat(problems(on, false)).isEmpty();
    }

    @Test
    void aSecretFileIsForTheServersAccountOnly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("personal-data-key"), "a2V5");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(RequiredSecrets.openToOthers(file)).isEmpty();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(RequiredSecrets.openToOthers(file)).get().asString().contains("chmod 600");
        assertThat(RequiredSecrets.openToOthers(dir.resolve("absent"))).get().asString().contains("cannot be read");
    }
}
