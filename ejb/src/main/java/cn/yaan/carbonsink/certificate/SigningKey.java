package cn.yaan.carbonsink.certificate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** An Ed25519 key that signs (or signed) certificate payloads. */
@Entity
@Table(name = "signing_key")
@NamedQuery(name = "SigningKey.all", query = "select k from SigningKey k order by k.createdAt, k.keyId")
public class SigningKey {

    @Id
    @Column(name = "key_id", length = 8)
    String keyId;
    @Column(name = "public_key", nullable = false, length = 64)
    String publicKey;
    @Column(name = "private_key", length = 64)
    String privateKey;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected SigningKey() {
    }

    SigningKey(String keyId, String publicKey, String privateKey, Instant createdAt) {
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
    }

    public String keyId() {
        return keyId;
    }

    /** The raw 32-byte public key, base64url. */
    public String publicKey() {
        return publicKey;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
