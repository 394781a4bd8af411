package cn.yaan.carbonsink.certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production key source: an Ed25519 key made by keytool, read from its PKCS#12 keystore. */
class SigningKeysTest {

    @Test
    void readsTheEd25519KeyKeytoolMade(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("signing.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "Ed25519", "-alias", "certificate-signing", "-dname", "CN=Ya'an carbon sink",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "secret123", "-validity", "3650")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        System.setProperty("carbonsink.signing.keystore-password", "secret123");
        try {
            var key = SigningKeys.fromKeystore(keystore);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(keystore)) {
                store.load(in, "secret123".toCharArray());
            }
            Certificate certificate = store.getCertificate("certificate-signing");
            byte[] spki = certificate.getPublicKey().getEncoded();
            // The raw public key is the last 32 bytes of its X.509 encoding.
            assertThat(key.generatePublicKey().getEncoded()).isEqualTo(Arrays.copyOfRange(spki, spki.length - 32, spki.length));

            System.setProperty("carbonsink.signing.keystore-password", "wrong");
            assertThatThrownBy(() -> SigningKeys.fromKeystore(keystore)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot read the signing keystore");
        } finally {
            System.clearProperty("carbonsink.signing.keystore-password");
        }
    }
}
