package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the append-only, hash-chained audit ledger (审计账本). Never updated, never deleted. */
@Entity
@Table(name = "audit_entry")
@NamedQuery(name = "AuditEntry.page", query = "select a from AuditEntry a where a.seq > :after order by a.seq")
public class AuditEntry {

    @Id
    long seq;
    @Column(nullable = false)
    Instant at;
    @Column(nullable = false, length = 64)
    String actor;
    @Column(nullable = false, length = 1_000_000)
    String payload;
    @Column(name = "prev_hash", nullable = false, length = 64)
    String prevHash;
    @Column(nullable = false, length = 64)
    String hash;

    protected AuditEntry() {
    }

    AuditEntry(long seq, Instant at, String actor, String payload, String prevHash, String hash) {
        this.seq = seq;
        this.at = at;
        this.actor = actor;
        this.payload = payload;
        this.prevHash = prevHash;
        this.hash = hash;
    }
}
