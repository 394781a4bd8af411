package cn.yaan.carbonsink.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.NamedSubgraph;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A bearer token of an API client. Only the SHA-256 of the token is stored, so a copy of the database does not
 * hand out working tokens. A token ends at its expiry or when revoked, whichever comes first.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = "ApiToken.findByHash", query = "select t from ApiToken t where t.tokenHash = :hash")
@NamedQuery(name = "ApiToken.unrevokedOf",
        query = "select t from ApiToken t where t.account = :account and t.revokedAt is null")
// One round trip per API request: the token with its account, roles and organisation.
@NamedEntityGraph(name = ApiToken.WITH_CALLER, attributeNodes = @NamedAttributeNode(value = "account", subgraph = "account"),
        subgraphs = @NamedSubgraph(name = "account", attributeNodes = {@NamedAttributeNode("roles"),
                @NamedAttributeNode("organisation")}))
public class ApiToken {

    public static final String WITH_CALLER = "ApiToken.withCaller";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
    }

    public ApiToken(String tokenHash, Account account, Instant issuedAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.account = account;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt) && account.enabled();
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    String tokenHash() {
        return tokenHash;
    }

    public Account account() {
        return account;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
