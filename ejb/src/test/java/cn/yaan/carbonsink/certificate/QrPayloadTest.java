package cn.yaan.carbonsink.certificate;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class QrPayloadTest {

    private static final Ed25519PrivateKeyParameters KEY = new Ed25519PrivateKeyParameters(new SecureRandom());
    private static final String KEY_ID = SigningKeys.keyId(KEY.generatePublicKey().getEncoded());

    private static byte[] sign(byte[] body) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, KEY);
        signer.update(body, 0, body.length);
        return signer.generateSignature();
    }

    private static boolean verify(QrPayload.Signed s) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, KEY.generatePublicKey());
        verifier.update(s.body(), 0, s.body().length);
        return verifier.verifySignature(s.signature());
    }

    private static QrPayload sample() {
        return new QrPayload(KEY_ID, CertificateKind.RETIREMENT, LocalDate.of(2026, 11, 25), 1_234_567,
                CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026), "雅安***公司");
    }

    @Test
    void roundTripKeepsEveryFieldAndTheSignatureVerifies() {
        QrPayload payload = sample();
        String text = payload.encode(sign(payload.body()));
        assertThat(text).hasSizeLessThan(150).matches("[A-Za-z0-9_-]+");
        QrPayload.Signed decoded = QrPayload.decode(text).orElseThrow();
        assertThat(decoded.payload()).isEqualTo(payload);
        assertThat(decoded.canonical()).isTrue();
        assertThat(verify(decoded)).isTrue();
        assertThat(QrPayload.fromScan("https://carbonsink.example.cn/v/" + payload.number() + "#" + text)).isPresent();
    }

    @Test
    void anyChangedCharacterFailsTheSignatureOrTheFormat() {
        QrPayload payload = sample();
        String text = payload.encode(sign(payload.body()));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < text.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(text.charAt(i)) + 7) % alphabet.length());
            String tampered = text.substring(0, i) + other + text.substring(i + 1);
            int at = i;
            QrPayload.decode(tampered).ifPresent(s -> assertThat(s.canonical() && verify(s)).as("tampered at " + at).isFalse());
        }
    }

    @Test
    void longHoldersAreCutWithoutBreakingACharacter() {
        QrPayload payload = new QrPayload(KEY_ID, CertificateKind.PUBLIC_DUTY, LocalDate.of(2026, 1, 1), 0,
                CertificateNumbers.generate(CertificateKind.PUBLIC_DUTY, 2026), "雅".repeat(40));
        QrPayload decoded = QrPayload.decode(payload.encode(sign(payload.body()))).orElseThrow().payload();
        assertThat(decoded.holderMasked()).isEqualTo("雅".repeat(20));
    }

    @Test
    void garbageDecodesToNothing() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String text = random.nextBoolean() ? Base64.getUrlEncoder().encodeToString(bytes) : new String(bytes);
            QrPayload.fromScan(text).ifPresent(s -> assertThat(verify(s)).isFalse());
        }
        assertThat(QrPayload.fromScan(null)).isEmpty();
        assertThat(QrPayload.fromScan("x".repeat(100_000))).isEmpty();
        QrPayload payload = sample();
        String text = payload.encode(sign(payload.body()));
        assertThat(QrPayload.decode(text.substring(0, text.length() - 3))).isEmpty();
        assertThat(QrPayload.decode(text + "AAAA")).isEmpty();
    }
}
