package cn.yaan.carbonsink.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A registered citizen's sensitive data, sealed by {@link PersonalData}: the real name, the resident ID number (with
 * its keyed hash, unique) and the mobile number. The account's display name is only the masked name, which is what
 * the ledger and certificates get. {@code qrRef} is random and names the citizen in the rotating attendance QR code
 * without any personal data.
 */
@Entity
@Table(name = "citizen_profile")
@NamedQuery(name = "CitizenProfile.byUsername",
        query = "select p from CitizenProfile p where p.account.username = :username")
@NamedQuery(name = "CitizenProfile.byIdHash", query = "select p from CitizenProfile p where p.idNumberHash = :hash")
@NamedQuery(name = "CitizenProfile.byQrRef", query = "select p from CitizenProfile p where p.qrRef = :ref")
@NamedQuery(name = "CitizenProfile.byPhoneHash",
        query = "select p from CitizenProfile p where p.phoneHash = :hash order by p.accountId")
public class CitizenProfile {

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @MapsId
    @OneToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    /** Null only for a row registered before names were sealed, until it is sealed at start-up. */
    @Column(name = "name_sealed", length = 400)
    private String nameSealed;

    @Column(name = "id_number_protected", nullable = false, length = 200)
    private String idNumberProtected;

    @Column(name = "id_number_hash", nullable = false, length = 64)
    private String idNumberHash;

    @Column(name = "phone_protected", nullable = false, length = 200)
    private String phoneProtected;

    /** Null only for a row registered before phones were hashed, until it is hashed at start-up. */
    @Column(name = "phone_hash", length = 64)
    private String phoneHash;

    @Column(name = "qr_ref", nullable = false, length = 32)
    private String qrRef;

    @Column(name = "consent_at", nullable = false)
    private Instant consentAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CitizenProfile() {
    }

    CitizenProfile(Account account, String nameSealed, String idNumberProtected, String idNumberHash,
                   String phoneProtected, String phoneHash, String qrRef, Instant consentAt) {
        this.account = account;
        this.nameSealed = nameSealed;
        this.idNumberProtected = idNumberProtected;
        this.idNumberHash = idNumberHash;
        this.phoneProtected = phoneProtected;
        this.phoneHash = phoneHash;
        this.qrRef = qrRef;
        this.consentAt = consentAt;
        this.createdAt = consentAt;
    }

    public Long accountId() {
        return accountId;
    }

    public String username() {
        return account.username();
    }

    /**
     * The name as it may be shown, masked ({@code 欧**}): what certificates and the ledger get. The real name is
     * sealed and only {@link CitizenService#view} reveals it, to the citizen.
     */
    public String name() {
        return account.displayName();
    }

    String nameSealed() {
        return nameSealed;
    }

    /** Seals the name of a row from before names were sealed; the account keeps the masked form only. */
    void sealName(String sealed, String masked) {
        this.nameSealed = sealed;
        account.showAs(masked);
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean enabled() {
        return account.enabled();
    }

    String idNumberProtected() {
        return idNumberProtected;
    }

    String phoneProtected() {
        return phoneProtected;
    }

    String phoneHash() {
        return phoneHash;
    }

    void hashPhone(String hash) {
        this.phoneHash = hash;
    }

    public String qrRef() {
        return qrRef;
    }
}
