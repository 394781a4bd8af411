package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The first answer to a request sent with an {@code Idempotency-Key}, replayed for retries of the same request. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

    @Id
    @Column(name = "idem_key", length = 200)
    String key;
    @Column(name = "request_hash", nullable = false, length = 64)
    String requestHash;
    @Column(nullable = false)
    int status;
    @Column(nullable = false, length = 20000)
    String response;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected IdempotencyRecord() {
    }

    IdempotencyRecord(String key, String requestHash, int status, String response, Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.status = status;
        this.response = response;
        this.createdAt = createdAt;
    }

    public String requestHash() {
        return requestHash;
    }

    public int status() {
        return status;
    }

    public String response() {
        return response;
    }
}
