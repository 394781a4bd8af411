package cn.yaan.carbonsink.certificate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signed payload in a certificate's QR code (docs/CERTIFICATES.md), base64url without padding:
 * <pre>
 * version   1 byte   1
 * keyId     4 bytes  first 4 bytes of SHA-256 of the raw Ed25519 public key
 * kind      1 byte   the kind's letter (ASCII)
 * issuedOn  2 bytes  days since 2020-01-01, unsigned big-endian
 * quantity  varint   kg CO2e, unsigned LEB128
 * number    14 bytes the certificate number without dashes (ASCII)
 * holder    1 byte length n, then n bytes: the masked holder name in UTF-8 (at most 60 bytes)
 * signature 64 bytes Ed25519 over all bytes before it
 * </pre>
 * No personal data beyond the masked name. About 100 bytes, so URL and payload fit a version 10 QR code at
 * error correction M.
 */
public record QrPayload(String keyId, CertificateKind kind, LocalDate issuedOn, long quantityKg, String number,
                        String holderMasked) {

    static final int VERSION = 1;
    static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);
    static final int MAX_HOLDER_BYTES = 60;
    static final int SIGNATURE_BYTES = 64;

    /** The bytes that are signed. */
    byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        out.writeBytes(HexFormat.of().parseHex(keyId));
        out.write(kind.letter);
        int days = (int) (issuedOn.toEpochDay() - EPOCH.toEpochDay());
        out.write(days >>> 8);
        out.write(days & 0xff);
        long q = quantityKg;
        do {
            int b = (int) (q & 0x7f);
            q >>>= 7;
            out.write(q == 0 ? b : b | 0x80);
        } while (q != 0);
        out.writeBytes(CertificateNumbers.compact(number).getBytes(StandardCharsets.US_ASCII));
        byte[] holder = truncate(holderMasked);
        out.write(holder.length);
        out.writeBytes(holder);
        return out.toByteArray();
    }

    /** The payload text: body and signature, base64url. */
    String encode(byte[] signature) {
        byte[] body = body();
        byte[] all = Arrays.copyOf(body, body.length + signature.length);
        System.arraycopy(signature, 0, all, body.length, signature.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    private static byte[] truncate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_HOLDER_BYTES) {
            return bytes;
        }
        int end = MAX_HOLDER_BYTES;
        while ((bytes[end] & 0xc0) == 0x80) { // never cut a character in two
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    /**
     * A decoded payload: its fields, the signed bytes, the signature, its text, and whether the text was the canonical
     * encoding of those bytes (base64 ignores the spare bits of its last character, so an altered last character
     * can decode to the same bytes: such a text was not issued, and is treated as altered).
     */
    record Signed(QrPayload payload, byte[] body, byte[] signature, String text, boolean canonical) {
    }

    /**
     * Decodes payload text; empty when it is not a well-formed payload (anything at all may be scanned): MALFORMED is
     * text of fewer than 20 or more than 400 characters or with any character outside base64url's 64 (padding
     * included), a length base64 cannot have, another version, too few bytes, an unknown kind, a quantity that is
     * not minimal LEB128 of at most 9 bytes, a number that is not the canonical compact form of a valid number of
     * the payload's kind, a holder longer than 60 bytes or not valid UTF-8, and any byte between the holder and the
     * 64 signature bytes (the signature ends the payload).
     */
    static Optional<Signed> decode(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.length() < 20 || trimmed.length() > 400 || !base64url(trimmed)) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(trimmed);
            if (all.length < 1 + 4 + 1 + 2 + 1 + 14 + 1 + SIGNATURE_BYTES || all[0] != VERSION) {
                return Optional.empty();
            }
            ByteBuffer in = ByteBuffer.wrap(all, 0, all.length - SIGNATURE_BYTES);
            in.get();
            byte[] key = new byte[4];
            in.get(key);
            CertificateKind kind = CertificateKind.ofLetter((char) in.get());
            int days = ((in.get() & 0xff) << 8) | (in.get() & 0xff);
            long quantity = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 56) {
                    return Optional.empty();
                }
                int b = in.get() & 0xff;
                if (b == 0 && shift > 0) {
                    return Optional.empty(); // not minimal: a zero group after the first
                }
                quantity |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            byte[] number = new byte[14];
            in.get(number);
            int holderLength = in.get() & 0xff;
            if (kind == null || holderLength > MAX_HOLDER_BYTES || in.remaining() != holderLength) {
                return Optional.empty();
            }
            byte[] holder = new byte[holderLength];
            in.get(holder);
            String compact = new String(number, StandardCharsets.US_ASCII);
            Optional<String> normalized = CertificateNumbers.fromCompact(compact);
            if (normalized.isEmpty() || compact.charAt(0) != kind.letter) {
                return Optional.empty();
            }
            String holderText = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(holder)).toString();
            QrPayload payload = new QrPayload(HexFormat.of().formatHex(key), kind, EPOCH.plusDays(days), quantity,
                    normalized.get(), holderText);
            return Optional.of(new Signed(payload, Arrays.copyOf(all, all.length - SIGNATURE_BYTES),
                    Arrays.copyOfRange(all, all.length - SIGNATURE_BYTES, all.length), trimmed,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(all).equals(trimmed)));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException
                 | java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Only base64url's 64 characters (no padding). */
    private static boolean base64url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The payload of scanned text: a verify URL ({@code .../v/{number}#payload}, or {@code ?p=payload}) or the
     * bare payload.
     */
    static Optional<Signed> fromScan(String scanned) {
        if (scanned == null || scanned.length() > 2000) {
            return Optional.empty();
        }
        return decode(ScannedAddress.parts(scanned).payload());
    }
}
