package cn.yaan.carbonsink.certificate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.yaan.carbonsink.shared.KeyValueLines;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A certificate: what was done, for whom, with which units; signed in its QR payload; valid until revoked. */
@Entity
@Table(name = "certificate")
@NamedQuery(name = "Certificate.byNumber", query = "select c from Certificate c where c.number = :number")
@NamedQuery(name = "Certificate.bySchemeRef",
        query = "select c from Certificate c where c.kind = :kind and c.schemeRef = :ref")
@NamedQuery(name = "Certificate.revokedSince",
        query = "select c from Certificate c where c.revokedAt is not null and c.revokedAt >= :since order by c.revokedAt, c.number")
public class Certificate {

    @Schema(name = "CertificateStatus")
    public enum Status { VALID, REVOKED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, unique = true, length = 20)
    String number;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    CertificateKind kind;
    @Column(nullable = false, length = 200)
    String holder;
    @Column(name = "quantity_kg", nullable = false)
    long quantityKg;
    Integer trees;
    @Column(name = "serial_ranges", nullable = false, length = 1_000_000)
    String serialRanges;
    @Column(name = "scheme_ref", nullable = false, length = 100)
    String schemeRef;
    @Column(nullable = false, length = 200)
    String issuer;
    @Column(name = "issued_at", nullable = false)
    Instant issuedAt;
    @Column(name = "key_id", nullable = false, length = 8)
    String keyId;
    @Column(nullable = false, length = 400)
    String payload;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    Status status = Status.VALID;
    @Column(name = "revoked_at")
    Instant revokedAt;
    @Column(name = "revocation_reason", length = 1000)
    String revocationReason;
    /** {@link Fact}s, one {@code key=value} per line, in the order the scheme gave them; null before V17. */
    @Column(length = 2000)
    String facts;

    /**
     * A fact of what the certificate attests, printed with a label of its key: {@code year}, {@code case},
     * {@code site}, {@code slot}, {@code party}. Never personal data (the PDF is public).
     */
    public record Fact(String key, String value) {
        public Fact {
            if (!key.matches("[a-z]+") || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("A fact is a lower-case key and a one-line value: " + key);
            }
        }
    }

    protected Certificate() {
    }

    Certificate(String number, CertificateKind kind, String holder, long quantityKg, Integer trees,
                List<String> serialRanges, String schemeRef, String issuer, Instant issuedAt, List<Fact> facts) {
        this.number = number;
        this.kind = kind;
        this.holder = holder;
        this.quantityKg = quantityKg;
        this.trees = trees;
        this.serialRanges = String.join(",", serialRanges);
        this.schemeRef = schemeRef;
        this.issuer = issuer;
        this.issuedAt = issuedAt;
        this.facts = facts.isEmpty() ? null
                : facts.stream().map(f -> f.key() + "=" + f.value()).collect(Collectors.joining("\n"));
    }

    public String number() { return number; }
    public CertificateKind kind() { return kind; }
    public String holder() { return holder; }
    public long quantityKg() { return quantityKg; }
    public Integer trees() { return trees; }
    public List<String> serialRanges() {
        return serialRanges.isEmpty() ? List.of() : Arrays.asList(serialRanges.split(","));
    }
    public String schemeRef() { return schemeRef; }
    public String issuer() { return issuer; }
    public Instant issuedAt() { return issuedAt; }
    public String keyId() { return keyId; }
    public String payload() { return payload; }
    public Status status() { return status; }
    public Instant revokedAt() { return revokedAt; }
    public String revocationReason() { return revocationReason; }
    public List<Fact> facts() {
        return KeyValueLines.parse(facts).entrySet().stream().map(e -> new Fact(e.getKey(), e.getValue())).toList();
    }
}
