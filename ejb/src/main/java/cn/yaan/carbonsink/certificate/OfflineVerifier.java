package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.certificate.CertificateService.Verdict;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A verifier without the server, from what an offline verifier holds: the published public keys, the latest signed
 * revocation list it accepted, and the time. It gives the verdicts of docs/CERTIFICATES.md ("Verdicts") in their
 * order, as the server does online, except UNKNOWN (only the server knows what it holds); the browser's verifier
 * ({@code verify.js}) does the same, and both are held to the test vectors of docs/certificate-test-vectors.json.
 */
public final class OfflineVerifier {

    /** The default limit of a revocation list's age, after which verdicts warn that it is stale. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

    private final Map<String, Ed25519PublicKeyParameters> keys = new HashMap<>();
    private final RevocationList list;
    private final Duration maxAge;
    private final String publicUrl;

    /**
     * @param publicKeys key id (8 hex characters) to raw 32-byte public key, base64url (as GET /api/v1/public/keys)
     * @param list       the revocation list held (its signature checked by {@link #acceptList}), or null for none
     * @param maxAge     the age from which the list is stale
     * @param publicUrl  the platform's public address, for the look-alike warning
     */
    public OfflineVerifier(Map<String, String> publicKeys, RevocationList list, Duration maxAge, String publicUrl) {
        publicKeys.forEach((id, key) -> keys.put(id, new Ed25519PublicKeyParameters(Base64.getUrlDecoder().decode(key), 0)));
        this.list = list;
        this.maxAge = maxAge;
        this.publicUrl = publicUrl;
    }

    /**
     * A downloaded list, if it is one to hold: its key is known, its signature verifies over its text, its text is
     * a revocation list, and it does not go back on the list held ({@code held}, or null): a lower sequence or an
     * earlier time is refused. A DELTA is not a list to hold by itself: merge it into a FULL list first (not needed by
     * the browser, which always fetches the FULL list).
     */
    public static Optional<RevocationList> acceptList(Map<String, String> publicKeys, String keyId, String text,
                                                      String signature, RevocationList held) {
        String key = publicKeys.get(keyId);
        if (key == null || text == null || signature == null) {
            return Optional.empty();
        }
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!SigningKeys.verify(new Ed25519PublicKeyParameters(Base64.getUrlDecoder().decode(key), 0),
                text.getBytes(StandardCharsets.UTF_8), sig)) {
            return Optional.empty();
        }
        return RevocationList.parse(text, keyId, signature).filter(l -> l.kind() == RevocationList.Kind.FULL)
                .filter(l -> held == null || (l.sequence() >= held.sequence()
                        && !RevocationList.parseTime(l.generatedAt()).get()
                        .isBefore(RevocationList.parseTime(held.generatedAt()).get())));
    }

    /**
     * The verdict and what goes with it. {@code revokedAt} and {@code reason} with REVOKED; {@code listGeneratedAt}
     * (null without a list), {@code listAge} and {@code stale} (no list, or older than the limit) whenever the
     * signature verified, since VALID and REVOKED are only as current as the list.
     */
    public record Result(Verdict status, QrPayload payload, boolean foreignOrigin, String revokedAt, String reason,
                         String listGeneratedAt, Duration listAge, boolean stale) {
    }

    public Result verify(String scanned, Instant now) {
        Optional<QrPayload.Signed> decoded = QrPayload.fromScan(scanned);
        if (decoded.isEmpty()) {
            return new Result(Verdict.MALFORMED, null, false, null, null, null, null, false);
        }
        QrPayload.Signed signed = decoded.get();
        QrPayload payload = signed.payload();
        boolean foreign = ScannedAddress.foreign(scanned, publicUrl);
        if (!signed.canonical()) {
            return new Result(Verdict.INVALID_SIGNATURE, payload, foreign, null, null, null, null, false);
        }
        Ed25519PublicKeyParameters key = keys.get(payload.keyId());
        if (key == null) {
            return new Result(Verdict.UNKNOWN_KEY, payload, foreign, null, null, null, null, false);
        }
        if (!SigningKeys.verify(key, signed.body(), signed.signature())) {
            return new Result(Verdict.INVALID_SIGNATURE, payload, foreign, null, null, null, null, false);
        }
        String generated = list == null ? null : list.generatedAt();
        Duration age = list == null ? null : Duration.between(RevocationList.parseTime(generated).get(), now);
        boolean stale = age == null || age.compareTo(maxAge) > 0;
        if (!ScannedAddress.names(scanned, payload.number())) {
            return new Result(Verdict.MISMATCH, payload, foreign, null, null, generated, age, stale);
        }
        Optional<RevocationList.Entry> revoked = list == null ? Optional.empty() : list.revocationOf(payload.number());
        return revoked.map(e -> new Result(Verdict.REVOKED, payload, foreign, e.revokedAt(), e.reason(), generated, age, stale))
                .orElseGet(() -> new Result(Verdict.VALID, payload, foreign, null, null, generated, age, stale));
    }
}
