package cn.yaan.carbonsink.certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScannedAddressTest {

    private static final String FORMATTED = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026);
    private static final String NUMBER = CertificateNumbers.normalize(FORMATTED).orElseThrow();
    private static final String OTHER = CertificateNumbers.generate(CertificateKind.PUBLIC_DUTY, 2026);
    private static final String PUBLIC = "https://carbonsink.example.cn";

    @Test
    void theAddressMustNameTheSignedNumber() {
        assertThat(ScannedAddress.names("AAAA", NUMBER)).as("a bare payload").isTrue();
        assertThat(ScannedAddress.names("#AAAA", NUMBER)).isTrue();
        assertThat(ScannedAddress.names(PUBLIC + "/v/" + FORMATTED + "#AAAA", NUMBER)).isTrue();
        assertThat(ScannedAddress.names(PUBLIC + "/v/" + NUMBER.toLowerCase() + "/#AAAA", NUMBER)).isTrue();
        assertThat(ScannedAddress.names("/v/" + FORMATTED + "#AAAA", NUMBER)).isTrue();
        assertThat(ScannedAddress.names(PUBLIC + "/v/" + FORMATTED + "?p=AAAA", NUMBER)).isTrue();
        assertThat(ScannedAddress.names(PUBLIC + "/v/" + OTHER + "#AAAA", NUMBER)).isFalse();
        assertThat(ScannedAddress.names(PUBLIC + "/verify#AAAA", NUMBER)).isFalse();
        assertThat(ScannedAddress.names(PUBLIC + "#AAAA", NUMBER)).isFalse();
        assertThat(ScannedAddress.names("hello#AAAA", NUMBER)).isFalse();
    }

    @Test
    void anotherOriginIsForeign() {
        assertThat(ScannedAddress.foreign("AAAA", PUBLIC)).isFalse();
        assertThat(ScannedAddress.foreign("/v/x#AAAA", PUBLIC)).isFalse();
        assertThat(ScannedAddress.foreign(PUBLIC + "/v/x#AAAA", PUBLIC)).isFalse();
        assertThat(ScannedAddress.foreign("HTTPS://CarbonSink.example.cn:443/v/x#AAAA", PUBLIC + "/")).isFalse();
        assertThat(ScannedAddress.foreign("http://carbonsink.example.cn/v/x#AAAA", PUBLIC)).isTrue();
        assertThat(ScannedAddress.foreign("https://carbonsink.example.cn.evil.example/v/x#AAAA", PUBLIC)).isTrue();
        assertThat(ScannedAddress.foreign("https://carbonsink.example.cn@evil.example/v/x#AAAA", PUBLIC)).isTrue();
        assertThat(ScannedAddress.foreign("https://carbonsink.example.cn:8443/v/x#AAAA", PUBLIC)).isTrue();
        assertThat(ScannedAddress.foreign("https://ca rbonsink/v/x#AAAA", PUBLIC)).isTrue();
    }
}
