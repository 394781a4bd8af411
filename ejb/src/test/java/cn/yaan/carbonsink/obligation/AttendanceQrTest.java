package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.certificate.TestSigningKeys;
import cn.yaan.carbonsink.shared.BusinessException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attendance codes, signed and verified by the production {@link SigningKeys} as ObligationService does. */
class AttendanceQrTest {

    private final SigningKeys keys = TestSigningKeys.fresh();

    private AttendanceQr qr(long expires) {
        return new AttendanceQr(keys.activeKeyId(), "AbCdEfGhIjKlMnOpQrSt_-", Instant.ofEpochSecond(expires));
    }

    /** What ObligationService.recordAttendance checks after parsing. */
    private boolean verify(AttendanceQr.Scanned s) {
        return keys.verify(s.qr().keyId(), s.message(), s.signature());
    }

    @Test
    void encodesAndParsesBackWithAValidSignature() {
        AttendanceQr qr = qr(1_795_000_000L);
        String text = qr.encode(keys::sign);
        assertThat(text).startsWith("YAQ1." + keys.activeKeyId() + ".AbCdEfGhIjKlMnOpQrSt_-.1795000000.").hasSize(134);
        AttendanceQr.Scanned scanned = AttendanceQr.parse("citizenQr", text);
        assertThat(scanned.qr()).isEqualTo(qr);
        assertThat(verify(scanned)).isTrue();
    }

    @Test
    void aChangedExpiryBreaksTheSignature() {
        String text = qr(1_795_000_000L).encode(keys::sign);
        String later = text.replace(".1795000000.", ".1895000000.");
        assertThat(verify(AttendanceQr.parse("citizenQr", later))).isFalse();
        String otherCitizen = text.replace(".AbCdEfGhIjKlMnOpQrSt_-.", ".AbCdEfGhIjKlMnOpQrSt_A.");
        assertThat(verify(AttendanceQr.parse("citizenQr", otherCitizen))).isFalse();
    }

    @Test
    void aCodeSignedByAnotherKeyUnderOurKeyIdIsRefused() {
        SigningKeys stranger = TestSigningKeys.fresh();
        assertThat(verify(AttendanceQr.parse("citizenQr", qr(1_795_000_000L).encode(stranger::sign)))).isFalse();
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
