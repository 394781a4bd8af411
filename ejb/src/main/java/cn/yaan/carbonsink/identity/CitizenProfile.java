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
 * A registered citizen's sensitive data, sealed by {@link PersonalData}: the resident ID number (with its keyed hash,
 * unique) and the mobile number. The name is the account's display name. {@code qrRef} is random and names the
 * citizen in the rotating attendance QR code without any personal data.
 */
@Entity
@Table(name = "citizen_profile")
@NamedQuery(name = "CitizenProfile.byUsername",
        query = "select p from CitizenProfile p where p.account.username = :username")
@NamedQuery(name = "CitizenProfile.byIdHash", query = "select p from CitizenProfile p where p.idNumberHash = :hash")
@NamedQuery(name = "CitizenProfile.byQrRef", query = "select p from CitizenProfile p where p.qrRef = :ref")
public class CitizenProfile {

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @MapsId
    @OneToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(name = "id_number_protected", nullable = false, length = 200)
    private String idNumberProtected;

    @Column(name = "id_number_hash", nullable = false, length = 64)
    private String idNumberHash;

    @Column(name = "phone_protected", nullable = false, length = 200)
    private String phoneProtected;

    @Column(name = "qr_ref", nullable = false, length = 32)
    private String qrRef;

    @Column(name = "consent_at", nullable = false)
    private Instant consentAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CitizenProfile() {
    }

    CitizenProfile(Account account, String idNumberProtected, String idNumberHash, String phoneProtected,
                   String qrRef, Instant consentAt) {
        this.account = account;
        this.idNumberProtected = idNumberProtected;
        this.idNumberHash = idNumberHash;
        this.phoneProtected = phoneProtected;
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

    public String name() {
        return account.displayName();
    }

    String idNumberProtected() {
        return idNumberProtected;
    }

    String phoneProtected() {
        return phoneProtected;
    }

    public String qrRef() {
        return qrRef;
    }
}
