package cn.yaan.carbonsink.certificate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate payloads, signed and verified by the production {@link SigningKeys}. */
class QrPayloadTest {

    private static final SigningKeys KEYS = TestSigningKeys.fresh();
    private static final String KEY_ID = KEYS.activeKeyId();

    private static String signed(QrPayload payload) {
        return payload.encode(KEYS.sign(payload.body()));
    }

    /** What CertificateService and the gate ask of a decoded payload. */
    private static boolean verifies(QrPayload.Signed s) {
        return s.canonical() && KEYS.verify(s.payload().keyId(), s.body(), s.signature());
    }

    private static QrPayload payload(long quantityKg, String holder) {
        return new QrPayload(KEY_ID, CertificateKind.RETIREMENT, LocalDate.of(2026, 11, 25), quantityKg,
                CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026), holder);
    }

    private static QrPayload sample() {
        return payload(1_234_567, "雅安***公司");
    }

    @Test
    void roundTripKeepsEveryFieldAndTheSignatureVerifies() {
        QrPayload payload = sample();
        String text = signed(payload);
        assertThat(text).hasSizeLessThan(150).matches("[A-Za-z0-9_-]+");
        QrPayload.Signed decoded = QrPayload.decode(text).orElseThrow();
        assertThat(decoded.payload()).isEqualTo(payload);
        assertThat(decoded.text()).isEqualTo(text);
        assertThat(decoded.canonical()).isTrue();
        assertThat(verifies(decoded)).isTrue();
    }

    @Test
    void theSmallestAndTheLargestPayloadsRoundTrip() {
        // No holder and a one-byte quantity: exactly the shortest payload there is.
        QrPayload smallest = payload(0, "");
        assertThat(QrPayload.decode(signed(smallest)).orElseThrow().payload()).isEqualTo(smallest);
        // The largest quantity takes all nine bytes the varint may have.
        QrPayload largest = payload(Long.MAX_VALUE, "雅".repeat(20));
        assertThat(QrPayload.decode(signed(largest)).orElseThrow().payload()).isEqualTo(largest);
        assertThat(QrPayload.decode(signed(payload(1L << 56, "x"))).orElseThrow().payload().quantityKg()).isEqualTo(1L << 56);
        // A tenth varint byte (what a negative number would need) is not a payload.
        assertThat(QrPayload.decode(signed(payload(-1, "x")))).isEmpty();
    }

    @Test
    void anyChangedCharacterFailsTheSignatureOrTheFormat() {
        String text = signed(sample());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int decodable = 0;
        for (int i = 0; i < text.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(text.charAt(i)) + 7) % alphabet.length());
            String tampered = text.substring(0, i) + other + text.substring(i + 1);
            var decoded = QrPayload.decode(tampered);
            if (decoded.isEmpty()) {
                continue;
            }
            decodable++;
            QrPayload.Signed s = decoded.get();
            if (s.payload().keyId().equals(KEY_ID)) {
                assertThat(verifies(s)).as("tampered at " + i).isFalse();
            } else {
                // A key nobody has: SigningKeys finds no such key and answers false (CertificateIT proves it live).
                assertThat(i).as("only the key id's characters change the key id").isLessThan(8);
            }
        }
        // Most single changes still decode (signature, date, quantity bytes): the signature is what catches them.
        assertThat(decodable).isGreaterThan(text.length() / 2);
    }

    @Test
    void longHoldersAreCutWithoutBreakingACharacter() {
        String ya = "雅"; // 3 bytes in UTF-8
        String smile = "\uD83D\uDE00"; // 4 bytes
        // Exactly 60 bytes: kept whole.
        assertThat(holderAfterRoundTrip(ya.repeat(20))).isEqualTo(ya.repeat(20));
        // 61 and 62 bytes: byte 60 is the last or the middle byte of the 20th 雅, which goes.
        assertThat(holderAfterRoundTrip("a" + ya.repeat(20))).isEqualTo("a" + ya.repeat(19));
        assertThat(holderAfterRoundTrip("ab" + ya.repeat(20))).isEqualTo("ab" + ya.repeat(19));
        // 63 bytes with a character starting at byte 60: the cut falls between characters.
        assertThat(holderAfterRoundTrip("abc" + ya.repeat(20))).isEqualTo("abc" + ya.repeat(19));
        // A four-byte character cut after its first byte, and a two-byte one cut in its middle.
        assertThat(holderAfterRoundTrip("a" + smile.repeat(15))).isEqualTo("a" + smile.repeat(14));
        assertThat(holderAfterRoundTrip("a".repeat(59) + "é")).isEqualTo("a".repeat(59));
        assertThat(holderAfterRoundTrip("a".repeat(61))).isEqualTo("a".repeat(60));
    }

    private static String holderAfterRoundTrip(String holder) {
        String decoded = QrPayload.decode(signed(payload(1, holder))).orElseThrow().payload().holderMasked();
        assertThat(decoded.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(QrPayload.MAX_HOLDER_BYTES);
        assertThat(holder).startsWith(decoded);
        return decoded;
    }

    @Test
    void scannedTextIsAVerifyUrlWithTheFragmentOrTheQueryOrTheBarePayload() {
        QrPayload payload = sample();
        String text = signed(payload);
        assertThat(QrPayload.fromScan("https://carbonsink.example.cn/v/" + payload.number() + "#" + text).orElseThrow()
                .payload()).isEqualTo(payload);
        assertThat(QrPayload.fromScan("https://carbonsink.example.cn/v/x?p=" + text).orElseThrow().payload()).isEqualTo(payload);
        assertThat(QrPayload.fromScan("#" + text).orElseThrow().payload()).isEqualTo(payload);
        assertThat(QrPayload.fromScan("  " + text + "\n").orElseThrow().payload()).isEqualTo(payload);
        // At most 2000 characters are looked at.
        String prefix = "https://carbonsink.example.cn/v/" + payload.number() + "?";
        String longest = prefix + "x".repeat(2000 - prefix.length() - 1 - text.length()) + "#" + text;
        assertThat(longest).hasSize(2000);
        assertThat(QrPayload.fromScan(longest)).isPresent();
        assertThat(QrPayload.fromScan("x" + longest)).isEmpty();
    }

    @Test
    void garbageDecodesToNothing() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String text = random.nextBoolean() ? Base64.getUrlEncoder().encodeToString(bytes) : new String(bytes);
            assertThat(QrPayload.fromScan(text)).as(text).isEmpty();
        }
        assertThat(QrPayload.fromScan(null)).isEmpty();
        assertThat(QrPayload.fromScan("x".repeat(100_000))).isEmpty();
        String text = signed(sample());
        assertThat(QrPayload.decode(text.substring(0, text.length() - 3))).isEmpty();
        assertThat(QrPayload.decode(text + "AAAA")).isEmpty();
    }

    @Test
    void aPayloadWithPaddingOrAnyCharacterOutsideBase64urlIsMalformed() {
        for (String holder : List.of("A", "AB", "ABC")) {
            String text = signed(payload(10, holder));
            if (text.length() % 4 != 0) {
                // Java's URL decoder accepts the padding: the format does not.
                String padded = text + "=".repeat(4 - text.length() % 4);
                assertThat(Base64.getUrlDecoder().decode(padded)).isNotEmpty();
                assertThat(QrPayload.decode(padded)).as(padded).isEmpty();
            }
            assertThat(QrPayload.decode(text)).isPresent();
            assertThat(QrPayload.decode(text.substring(0, 40) + "+" + text.substring(41))).isEmpty();
        }
    }
}
