package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.shared.BusinessException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttendanceQrTest {

    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());

    private byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    private boolean verify(AttendanceQr.Scanned s) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key.generatePublicKey());
        verifier.update(s.message(), 0, s.message().length);
        return verifier.verifySignature(s.signature());
    }

    @Test
    void encodesAndParsesBackWithAValidSignature() {
        AttendanceQr qr = new AttendanceQr("0a1b2c3d", "AbCdEfGhIjKlMnOpQrSt_-", Instant.ofEpochSecond(1_795_000_000L));
        String text = qr.encode(this::sign);
        assertThat(text).startsWith("YAQ1.0a1b2c3d.AbCdEfGhIjKlMnOpQrSt_-.1795000000.").hasSize(134);
        AttendanceQr.Scanned scanned = AttendanceQr.parse("citizenQr", text);
        assertThat(scanned.qr()).isEqualTo(qr);
        assertThat(verify(scanned)).isTrue();
    }

    @Test
    void aChangedExpiryBreaksTheSignature() {
        String text = new AttendanceQr("0a1b2c3d", "AbCdEfGhIjKlMnOpQrSt_-", Instant.ofEpochSecond(1_795_000_000L))
                .encode(this::sign);
        String later = text.replace(".1795000000.", ".1895000000.");
        assertThat(verify(AttendanceQr.parse("citizenQr", later))).isFalse();
    }

    @Test
    void anythingElseIsRefusedWithoutEcho() {
        for (String bad : new String[]{null, "", "hello", "YAQ1.0a1b2c3d.short.1.sig",
                "https://example.org/v/D-1#payload"}) {
            assertThatThrownBy(() -> AttendanceQr.parse("citizenQr", bad)).isInstanceOf(BusinessException.class)
                    .satisfies(e -> assertThat(((BusinessException) e).fieldErrors().get(0).field()).isEqualTo("citizenQr"));
        }
    }
}
