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
 * A visitor a citizen keeps to book for again (常用游客): name, resident ID number and optional mobile, all sealed by
 * {@link PersonalData}; the ID number's keyed hash keeps one entry per person and citizen.
 */
@Entity
@Table(name = "saved_visitor")
@NamedQuery(name = "SavedVisitor.of",
        query = "select v from SavedVisitor v where v.accountId = :account order by v.createdAt, v.id")
@NamedQuery(name = "SavedVisitor.countOf", query = "select count(v) from SavedVisitor v where v.accountId = :account")
@NamedQuery(name = "SavedVisitor.countOfNumber",
        query = "select count(v) from SavedVisitor v where v.accountId = :account and v.idNumberHash = :hash")
public class SavedVisitor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "name_sealed", nullable = false, length = 400)
    private String nameSealed;

    @Column(name = "id_number_sealed", nullable = false, length = 200)
    private String idNumberSealed;

    @Column(name = "id_number_hash", nullable = false, length = 64)
    private String idNumberHash;

    @Column(name = "phone_sealed", length = 200)
    private String phoneSealed;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SavedVisitor() {
    }

    SavedVisitor(Long accountId, String nameSealed, String idNumberSealed, String idNumberHash, String phoneSealed,
                 Instant createdAt) {
        this.accountId = accountId;
        this.nameSealed = nameSealed;
        this.idNumberSealed = idNumberSealed;
        this.idNumberHash = idNumberHash;
        this.phoneSealed = phoneSealed;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    Long accountId() {
        return accountId;
    }

    String nameSealed() {
        return nameSealed;
    }

    String idNumberSealed() {
        return idNumberSealed;
    }

    String phoneSealed() {
        return phoneSealed;
    }
}
