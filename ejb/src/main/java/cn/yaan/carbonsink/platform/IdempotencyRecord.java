package cn.yaan.carbonsink.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A request sent with an {@code Idempotency-Key}: the hash of what was asked and a reference to what it created,
 * so that a retry of the same request is answered with that, never done again.
 */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

    @Id
    @Column(name = "idem_key", length = 200)
    private String key;
    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;
    @Column(name = "result_ref", length = 200)
    private String resultRef;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    IdempotencyRecord(String key, String requestHash, Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
    }

    String requestHash() {
        return requestHash;
    }

    String resultRef() {
        return resultRef;
    }

    void done(String resultRef) {
        this.resultRef = resultRef;
    }
}
