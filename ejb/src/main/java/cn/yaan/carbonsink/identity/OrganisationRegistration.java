package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An enterprise's or public body's registration (单位注册): its county, its contact (sealed: personal data) and the
 * officer's decision. PENDING until an officer approves or rejects it, once; only an approved organisation's members
 * act for it.
 */
@Entity
@Table(name = "organisation_registration")
public class OrganisationRegistration {

    public enum Status { PENDING, APPROVED, REJECTED }

    @Id
    @Column(name = "organisation_id")
    private Long organisationId;

    @MapsId
    @OneToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    @Column(nullable = false, length = 6)
    private String county;

    @Column(name = "contact_name_sealed", nullable = false, length = 400)
    private String contactNameSealed;

    @Column(name = "contact_phone_sealed", nullable = false, length = 400)
    private String contactPhoneSealed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "registered_by", nullable = false, length = 64)
    private String registeredBy;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason", length = 400)
    private String decisionReason;

    protected OrganisationRegistration() {
    }

    OrganisationRegistration(Organisation organisation, String county, String contactNameSealed,
                             String contactPhoneSealed, String registeredBy, Instant registeredAt) {
        this.organisation = organisation;
        this.county = county;
        this.contactNameSealed = contactNameSealed;
        this.contactPhoneSealed = contactPhoneSealed;
        this.status = Status.PENDING;
        this.registeredBy = registeredBy;
        this.registeredAt = registeredAt;
    }

    /** An officer's approval: the members may act for the organisation from now on (409 once decided). */
    void approve(String officer, Instant at) {
        decide(officer, at);
        this.status = Status.APPROVED;
    }

    /** An officer's rejection with its reason, shown to the organisation (409 once decided). */
    void reject(String officer, Instant at, String reason) {
        decide(officer, at);
        this.status = Status.REJECTED;
        this.decisionReason = reason;
    }

    private void decide(String officer, Instant at) {
        if (status != Status.PENDING) {
            throw BusinessException.conflict("registration-decided",
                    "This registration was " + status.name().toLowerCase() + " already; a decision is taken once.");
        }
        this.decidedBy = officer;
        this.decidedAt = at;
    }

    public Organisation organisation() {
        return organisation;
    }

    public String county() {
        return county;
    }

    String contactNameSealed() {
        return contactNameSealed;
    }

    String contactPhoneSealed() {
        return contactPhoneSealed;
    }

    public Status status() {
        return status;
    }

    public String registeredBy() {
        return registeredBy;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decisionReason() {
        return decisionReason;
    }
}
