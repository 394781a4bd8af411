package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed checkpoint of the audit chain: entry {@code seq} had the hash {@code hash} when a verification found the
 * chain sound up to it. What is signed is {@link #text}, a text no certificate payload can be mistaken for.
 */
@Entity
@Table(name = "audit_checkpoint")
@NamedQuery(name = "AuditCheckpoint.newest", query = "select c from AuditCheckpoint c order by c.seq desc")
public class AuditCheckpoint {

    @Id
    long seq;
    @Column(nullable = false, length = 64)
    String hash;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "key_id", nullable = false, length = 40)
    String keyId;
    @Column(nullable = false, length = 100)
    String signature;

    protected AuditCheckpoint() {
    }

    AuditCheckpoint(long seq, String hash, Instant createdAt) {
        this.seq = seq;
        this.hash = hash;
        this.createdAt = createdAt;
    }

    byte[] text() {
        return ("carbonsink audit checkpoint v1\nseq=" + seq + "\nhash=" + hash + "\nat=" + createdAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    void signed(CheckpointSigner.Signature s) {
        keyId = s.keyId();
        signature = s.value();
    }
}
