package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.certificate.CertificateNumbers;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signed payload of a visit's e-ticket QR code (docs/CERTIFICATES.md, "Tickets"), base64url without padding,
 * signed by the certificate keys:
 * <pre>
 * version      1 byte   2 (certificates are version 1)
 * keyId        4 bytes  as in certificates
 * ticket       14 bytes the booking number without dashes (ASCII, T...)
 * certificate  14 bytes the visit's CARBON_NEUTRAL_VISIT certificate number without dashes (ASCII, V...)
 * site         1 byte length n, then n bytes: the site code (ASCII)
 * start        4 bytes  minutes since 2020-01-01T00:00Z, unsigned big-endian
 * duration     2 bytes  minutes
 * party        1 byte   number of visitors
 * signature    64 bytes Ed25519 over all bytes before it
 * </pre>
 * No personal data at all: the gate learns the site, the window and the party size.
 */
public record TicketPayload(String keyId, String bookingNo, String certificateNo, String siteCode, Instant start,
                            Instant end, int partySize) {

    static final int VERSION = 2;
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    static final int SIGNATURE_BYTES = 64;

    byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        out.writeBytes(HexFormat.of().parseHex(keyId));
        out.writeBytes(CertificateNumbers.compact(bookingNo).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CertificateNumbers.compact(certificateNo).getBytes(StandardCharsets.US_ASCII));
        byte[] site = siteCode.getBytes(StandardCharsets.US_ASCII);
        out.write(site.length);
        out.writeBytes(site);
        long minutes = Duration.between(EPOCH, start).toMinutes();
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) minutes).array());
        int duration = (int) Duration.between(start, end).toMinutes();
        out.write(duration >>> 8);
        out.write(duration & 0xff);
        out.write(partySize);
        return out.toByteArray();
    }

    String encode(byte[] signature) {
        byte[] body = body();
        byte[] all = Arrays.copyOf(body, body.length + signature.length);
        System.arraycopy(signature, 0, all, body.length, signature.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /** A decoded ticket: its fields, the signed bytes and the signature. */
    record Signed(TicketPayload payload, byte[] body, byte[] signature) {
    }

    /** The ticket in scanned text (the bare payload, or anything ending in {@code #payload}); empty if none. */
    static Optional<Signed> fromScan(String scanned) {
        if (scanned == null || scanned.length() > 2000) {
            return Optional.empty();
        }
        String text = scanned.trim();
        int hash = text.lastIndexOf('#');
        if (hash >= 0) {
            text = text.substring(hash + 1);
        }
        if (text.length() < 100 || text.length() > 300) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(text);
            if (all[0] != VERSION || !Base64.getUrlEncoder().withoutPadding().encodeToString(all).equals(text)) {
                return Optional.empty();
            }
            ByteBuffer in = ByteBuffer.wrap(all, 0, all.length - SIGNATURE_BYTES);
            in.get();
            byte[] key = new byte[4];
            in.get(key);
            byte[] ticket = new byte[14];
            in.get(ticket);
            byte[] certificate = new byte[14];
            in.get(certificate);
            int siteLength = in.get() & 0xff;
            if (siteLength == 0 || siteLength > 16) {
                return Optional.empty();
            }
            byte[] site = new byte[siteLength];
            in.get(site);
            long minutes = in.getInt() & 0xffffffffL;
            int duration = ((in.get() & 0xff) << 8) | (in.get() & 0xff);
            int party = in.get() & 0xff;
            if (in.hasRemaining()) {
                return Optional.empty();
            }
            String siteCode = new String(site, StandardCharsets.US_ASCII);
            if (!siteCode.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '-')) {
                return Optional.empty();
            }
            Instant start = EPOCH.plus(Duration.ofMinutes(minutes));
            TicketPayload payload = new TicketPayload(HexFormat.of().formatHex(key),
                    CertificateNumbers.format(new String(ticket, StandardCharsets.US_ASCII)),
                    CertificateNumbers.format(new String(certificate, StandardCharsets.US_ASCII)), siteCode, start,
                    start.plus(Duration.ofMinutes(duration)), party);
            return Optional.of(new Signed(payload, Arrays.copyOf(all, all.length - SIGNATURE_BYTES),
                    Arrays.copyOfRange(all, all.length - SIGNATURE_BYTES, all.length)));
        } catch (IllegalArgumentException | BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
