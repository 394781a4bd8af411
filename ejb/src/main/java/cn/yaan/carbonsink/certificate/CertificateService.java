package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.enterprise.event.Event;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Issues, finds and revokes certificates, for every scheme ({@link CertificateVerifier} verifies them). Issuing is
 * idempotent per kind and scheme reference: the same fulfilment never yields two certificates.
 */
@Stateless
public class CertificateService {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CertificateService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    SigningKeys keys;

    @Inject
    AppClock clock;

    @Inject
    RecentCertificates recent;

    @Inject
    CitizenService citizens;

    @Inject
    Event<IntegrationEvent> integrationEvents;

    public record Request(CertificateKind kind, String holder, long quantityKg, Integer trees, List<String> serialRanges,
                          String schemeRef, String issuer, List<Certificate.Fact> facts) {
    }

    /**
     * The certificate of a fulfilment, issued now or earlier. Call it in the transaction that records the
     * fulfilment: the unique (kind, scheme reference) makes a second, simultaneous issue fail with it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Certificate issue(Request r) {
        Optional<Certificate> earlier = bySchemeRef(r.kind(), r.schemeRef());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.now();
        Certificate certificate = new Certificate(CertificateNumbers.generate(r.kind(), clock.today().getYear()), r.kind(),
                r.holder(), r.quantityKg(), r.trees(), r.serialRanges(), r.schemeRef(), r.issuer(), now, r.facts());
        QrPayload payload = payloadOf(certificate, keys.activeKeyId());
        certificate.keyId = payload.keyId();
        certificate.payload = payload.encode(keys.sign(payload.body()));
        em.persist(certificate);
        return certificate;
    }

    private static QrPayload payloadOf(Certificate c, String keyId) {
        return new QrPayload(keyId, c.kind, LocalDate.ofInstant(c.issuedAt, AppClock.ZONE), c.quantityKg, c.number,
                Masking.name(c.holder));
    }

    public Optional<Certificate> bySchemeRef(CertificateKind kind, String schemeRef) {
        return em.createNamedQuery("Certificate.bySchemeRef", Certificate.class).setParameter("kind", kind)
                .setParameter("ref", schemeRef).getResultStream().findFirst();
    }

    /** The numbers of the certificates of these retirements (any kind), by retirement id. */
    public java.util.Map<Long, String> numbersOfRetirements(List<Long> retirementIds) {
        if (retirementIds.isEmpty()) {
            return java.util.Map.of();
        }
        return em.createQuery("select c.schemeRef, c.number from Certificate c where c.schemeRef in :refs", Object[].class)
                .setParameter("refs", retirementIds.stream().map(CertificateService::retirementRef).toList())
                .getResultStream().collect(Collectors.toMap(
                        row -> Long.parseLong(((String) row[0]).substring("retirement:".length())), row -> (String) row[1],
                        (a, b) -> a));
    }

    /**
     * The certificates someone holds, newest first: those with these numbers, these scheme references, or a scheme
     * reference starting with one of these prefixes (each scheme says which are its user's).
     */
    public List<Certificate> held(Collection<String> numbers, Collection<String> schemeRefs,
                                  Collection<String> refPrefixes, int max) {
        List<String> or = new ArrayList<>();
        if (!numbers.isEmpty()) {
            or.add("c.number in :numbers");
        }
        if (!schemeRefs.isEmpty()) {
            or.add("c.schemeRef in :refs");
        }
        List<String> prefixes = List.copyOf(refPrefixes);
        for (int i = 0; i < prefixes.size(); i++) {
            or.add("c.schemeRef like :prefix" + i);
        }
        if (or.isEmpty()) {
            return List.of();
        }
        TypedQuery<Certificate> q = em.createQuery("select c from Certificate c where " + String.join(" or ", or)
                + " order by c.issuedAt desc, c.id desc", Certificate.class).setMaxResults(max);
        if (!numbers.isEmpty()) {
            q.setParameter("numbers", numbers);
        }
        if (!schemeRefs.isEmpty()) {
            q.setParameter("refs", schemeRefs);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (prefixes.get(i).matches(".*[%_\\\\].*")) {
                throw new IllegalArgumentException("A scheme reference prefix has no wildcards: " + prefixes.get(i));
            }
            q.setParameter("prefix" + i, prefixes.get(i) + "%");
        }
        return q.getResultList();
    }

    /** A certificate by its number as typed or scanned (forgiving: case, dashes, O/0, I/L/1). */
    public Optional<Certificate> find(String number) {
        return CertificateNumbers.normalize(number).flatMap(n -> em.createNamedQuery("Certificate.byNumber",
                Certificate.class).setParameter("number", n).getResultStream().findFirst());
    }

    public Certificate require(String number) {
        return find(number).orElseThrow(() -> BusinessException.notFound("No certificate has the number " + number + "."));
    }

    /** The scheme reference of a direct retirement's certificate. */
    public static String retirementRef(long retirementId) {
        return "retirement:" + retirementId;
    }

    /**
     * The holder's name for their own copy, in full: a planting duty's certificate holds the citizen's masked name
     * only (the real one is sealed), which is revealed here for that citizen ({@code username}, the holder as the
     * web layer's {@code Holdings} decides); every other kind holds the name as it was given.
     */
    public String holderInFull(Certificate c, String username) {
        if (c.kind == CertificateKind.PUBLIC_DUTY || c.kind == CertificateKind.PUBLIC_DUTY_HONOUR) {
            return citizens.profile(username).map(p -> citizens.view(p).name()).orElse(c.holder);
        }
        return c.holder;
    }

    /** Who issues certificates: the bureau named by {@code carbonsink.certificate-issuer}. */
    public static String issuer() {
        return Settings.get("carbonsink.certificate-issuer", "雅安市林业局");
    }

    /** The address a certificate's QR code holds: the public verify page, the signed payload in the fragment. */
    public static String verifyUrl(Certificate c) {
        return verifyUrl(c, Settings.publicUrl());
    }

    /** {@link #verifyUrl(Certificate)} on the site at {@code base} (scheme, host and port, no trailing slash). */
    public static String verifyUrl(Certificate c, String base) {
        return verifyPage(c, base) + "#" + c.payload;
    }

    /** The certificate's public verify page, short enough to print and type. */
    public static String verifyPage(Certificate c) {
        return verifyPage(c, Settings.publicUrl());
    }

    /** {@link #verifyPage(Certificate)} on the site at {@code base}. */
    public static String verifyPage(Certificate c, String base) {
        return base + "/v/" + c.number;
    }

    /** Why a certificate is revoked. */
    public record Revocation(@NotBlank @Schema(maxLength = 500) String reason) {
    }

    /** Revokes a valid certificate (409 when it is revoked already); final. */
    public Certificate revoke(String number, @NotNull @Valid Revocation revocation, String actor) {
        String why = FreeText.required("reason", revocation.reason().trim(), 500);
        Certificate c = require(number);
        RowLocks.fresh(em, c);
        if (c.status == Certificate.Status.REVOKED) {
            throw BusinessException.conflict("already-revoked", "The certificate " + c.number + " was revoked already.");
        }
        c.status = Certificate.Status.REVOKED;
        recent.forget(c.number);
        // To the millisecond, as the revocation list writes it: the answer and the list show the same digits.
        c.revokedAt = clock.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        c.revocationReason = why;
        LOG.info(() -> "Certificate " + c.number + " revoked by " + actor);
        // Administrators' subscriptions only: the reason is free text and stays out of the event.
        integrationEvents.fire(IntegrationEvent.of(
                IntegrationEvent.Type.CERTIFICATE_REVOKED, null, "certificateNo", c.number, "number", c.number,
                "kind", c.kind().name(), "revokedAt", c.revokedAt));
        return c;
    }

    /** The revocations at or after {@code since}, oldest first. */
    public List<Certificate> revokedSince(Instant since) {
        return em.createNamedQuery("Certificate.revokedSince", Certificate.class).setParameter("since", since)
                .getResultList();
    }

    /**
     * What the verification of a scanned text concluded. {@code MISMATCH}: a genuine (or at least well-formed and not
     * forged) payload in an address that names another certificate number than the one it signs.
     */
    @Schema(name = "Verdict")
    public enum Verdict { VALID, REVOKED, INVALID_SIGNATURE, UNKNOWN_KEY, UNKNOWN, MISMATCH, MALFORMED }

    /**
     * The verdict, the certificate it is about (VALID and REVOKED only), and whether the scanned address points at
     * another site than this server's public address (a look-alike site is how certificates get faked).
     */
    public record Verification(Verdict status, Certificate certificate, boolean foreignOrigin) {
    }

    /**
     * The signed revocation list for offline verifiers: every revocation ({@code since} null, FULL) or those at or after
     * {@code since} (DELTA, taken to the millisecond), with the sequence (revocations ever made) and the time.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RevocationList revocationList(Instant since) {
        Instant now = clock.now();
        Instant from = since == null ? null : since.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<RevocationList.Entry> entries = revokedSince(from == null ? Instant.EPOCH : from).stream()
                .map(c -> new RevocationList.Entry(c.number, RevocationList.time(c.revokedAt), oneLine(c.revocationReason)))
                .toList();
        // A FULL list's sequence is its length; a DELTA's is counted (a revocation made meanwhile may be listed and
        // not counted, hence at least its length).
        long sequence = from == null ? entries.size() : Math.max(entries.size(), em.createQuery(
                "select count(c) from Certificate c where c.revokedAt is not null", Long.class).getSingleResult());
        return RevocationList.signed(keys, sequence, from, now, entries);
    }

    /** A reason on one line of the signed list (free text never holds control characters; older rows might). */
    private static String oneLine(String reason) {
        return reason == null ? "" : reason.replaceAll("\\p{Cntrl}", " ");
    }
}
