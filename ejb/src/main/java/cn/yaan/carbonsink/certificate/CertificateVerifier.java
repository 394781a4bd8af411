package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.certificate.CertificateService.Verdict;
import cn.yaan.carbonsink.certificate.CertificateService.Verification;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Online verification, the platform's busiest public path (every scan at a gate, every QR a visitor checks), and the
 * QR images, which show nothing that ever changes. Verification reads through {@link RecentCertificates}, the QR
 * images through a map of what never changes, so a crowd scanning or loading the same codes costs no database
 * query; and both are a plain CDI bean rather than an enterprise bean, since they
 * need nothing the EJB container adds to every call (an instance pool, a security identity, a transaction): they
 * only read, and the database only on a cache miss, through {@link CertificateService#find}. Measured in
 * docs/BENCHMARKS.md.
 */
@ApplicationScoped
public class CertificateVerifier {

    @Inject
    CertificateService certificates;

    @Inject
    RecentCertificates recent;

    @Inject
    SigningKeys keys;

    @Inject
    Metrics metrics;

    private static final int MAX_SIGNED = 100_000;
    /** Certificates by number, read only for their number and signed payload ({@link #requireSigned}). */
    private final Map<String, Certificate> signed = new ConcurrentHashMap<>();

    /**
     * Verifies whatever was scanned, in the order docs/CERTIFICATES.md ("Verdicts") defines for every verifier:
     * MALFORMED (no payload), INVALID_SIGNATURE for a non-canonical text, UNKNOWN_KEY, INVALID_SIGNATURE, MISMATCH (the
     * address names another number), then what this server holds: UNKNOWN, REVOKED or VALID. The payload the server
     * issued itself is recognised by comparison (no signature check needed); any other payload is checked against
     * the signing keys, so a forgery is told from a genuine certificate this server does not know. The address is
     * flagged when it is not this server's.
     */
    public Verification verify(String scanned) {
        return verify(scanned, Settings.publicUrl());
    }

    /** {@link #verify(String)} on the site at {@code base}: an address elsewhere is foreign. */
    public Verification verify(String scanned, String base) {
        Verification verification = judge(scanned, base);
        metrics.count(Metrics.VERIFICATIONS, "verdict", verification.status());
        return verification;
    }

    /**
     * A certificate for what depends only on its number and signed payload, which never change once issued: its QR
     * codes. Kept here without expiry once found (a certificate is never deleted or renumbered), so the QR images cost
     * no database query after the first; what shows the status (PDF, share image, pages) uses
     * {@link CertificateService#require}.
     */
    public Certificate requireSigned(String number) {
        String normalized = CertificateNumbers.normalize(number).orElse(null);
        Certificate c = normalized == null ? null : signed.get(normalized);
        if (c == null) {
            c = normalized == null ? null : certificates.find(normalized).orElse(null);
            if (c == null) {
                throw BusinessException.notFound("No certificate has the number " + number + ".");
            }
            if (signed.size() >= MAX_SIGNED) {
                signed.clear();
            }
            signed.put(normalized, c);
        }
        return c;
    }

    private Optional<Certificate> recent(String number) {
        return recent.get(number, certificates::find);
    }

    private Verification judge(String scanned, String base) {
        Optional<QrPayload.Signed> decoded = QrPayload.fromScan(scanned);
        if (decoded.isEmpty()) {
            return new Verification(Verdict.MALFORMED, null, false);
        }
        QrPayload.Signed signed = decoded.get();
        boolean foreign = ScannedAddress.foreign(scanned, base);
        if (!signed.canonical()) {
            return new Verification(Verdict.INVALID_SIGNATURE, null, foreign);
        }
        Optional<Certificate> stored = recent(signed.payload().number());
        boolean issuedHere = stored.isPresent() && stored.get().payload().equals(signed.text());
        if (!issuedHere) {
            if (!keys.knows(signed.payload().keyId())) {
                return new Verification(Verdict.UNKNOWN_KEY, null, foreign);
            }
            if (!keys.verify(signed.payload().keyId(), signed.body(), signed.signature())) {
                return new Verification(Verdict.INVALID_SIGNATURE, null, foreign);
            }
        }
        if (!ScannedAddress.names(scanned, signed.payload().number())) {
            return new Verification(Verdict.MISMATCH, null, foreign);
        }
        if (!issuedHere) {
            // Signed by us, but not what we stored under that number (or nothing is stored under it).
            return new Verification(stored.isPresent() ? Verdict.INVALID_SIGNATURE : Verdict.UNKNOWN, null, foreign);
        }
        Certificate certificate = stored.get();
        return new Verification(certificate.status() == Certificate.Status.REVOKED ? Verdict.REVOKED : Verdict.VALID,
                certificate, foreign);
    }
}
