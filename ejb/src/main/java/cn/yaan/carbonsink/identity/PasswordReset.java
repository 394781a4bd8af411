package cn.yaan.carbonsink.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A code sent to reset a forgotten password: only its keyed hash is kept. It works until it expires, once, and for
 * at most {@link #MAX_ATTEMPTS} tries; a newer code of the account replaces it.
 */
@Entity
@Table(name = "password_reset")
@NamedQuery(name = "PasswordReset.latestOf",
        query = "select r from PasswordReset r where r.accountId = :account order by r.createdAt desc, r.id desc")
@NamedQuery(name = "PasswordReset.countSince",
        query = "select count(r) from PasswordReset r where r.accountId = :account and r.createdAt > :since")
public class PasswordReset {

    static final int MAX_ATTEMPTS = 5;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasswordReset() {
    }

    PasswordReset(Long accountId, String codeHash, Instant createdAt, Instant expiresAt) {
        this.accountId = accountId;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    Long id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }

    String codeHash() {
        return codeHash;
    }

    /** Whether the code may still be tried: unused, unexpired, tries left. */
    boolean open(Instant now) {
        return usedAt == null && now.isBefore(expiresAt) && attempts < MAX_ATTEMPTS;
    }

    void failedAttempt() {
        attempts++;
    }

    void used(Instant now) {
        usedAt = now;
    }
}
