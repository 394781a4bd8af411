package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.shared.BusinessException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The citizen's personal QR code that an organiser scans at a planting event. It carries no personal data and
 * rotates: each one is valid for a few minutes, so a screenshot is useless next week. Format (ASCII, dot-separated):
 * <pre>
 * YAQ1.&lt;keyId&gt;.&lt;ref&gt;.&lt;expires&gt;.&lt;signature&gt;
 *   keyId      8 hex: the certificate signing key (SigningKeys) that signed it
 *   ref        22 base64url: the citizen's random QR reference (citizen_profile.qr_ref), not derived from any data
 *   expires    epoch seconds after which it is refused
 *   signature  base64url (no padding) Ed25519 signature of the UTF-8 text before the last dot
 * </pre>
 * The {@code YAQ1.} prefix keeps these messages apart from certificate payloads signed by the same key.
 */
public record AttendanceQr(String keyId, String ref, Instant expires) {

    static final String PREFIX = "YAQ1";
    private static final Pattern FORMAT = Pattern.compile(
            "YAQ1\\.([0-9a-f]{8})\\.([A-Za-z0-9_-]{22})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{86})");

    /** A scanned text split into its parts, with the signed message and its signature. */
    public record Scanned(AttendanceQr qr, byte[] message, byte[] signature) {
    }

    String message() {
        return PREFIX + "." + keyId + "." + ref + "." + expires.getEpochSecond();
    }

    /** The text to show as a QR code, signed by {@code signer}. */
    public String encode(Function<byte[], byte[]> signer) {
        String message = message();
        return message + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signer.apply(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Splits a scanned text; anything not in the format is refused (400 on {@code field}), saying nothing more. */
    public static Scanned parse(String field, String text) {
        var m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw BusinessException.invalid(field, "This is not a citizen's attendance QR code of this platform.");
        }
        AttendanceQr qr = new AttendanceQr(m.group(1), m.group(2), Instant.ofEpochSecond(Long.parseLong(m.group(3))));
        return new Scanned(qr, qr.message().getBytes(StandardCharsets.UTF_8), Base64.getUrlDecoder().decode(m.group(4)));
    }
}
