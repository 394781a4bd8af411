package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.FreeText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** Units retired for good (注销) on behalf of a beneficiary; final. Its serial ranges are {@link RetiredRange}s. */
@Entity
@Table(name = "retirement")
// The public registry: retirements of test projects (ProjectVisibility.TEST) are left out.
@NamedQuery(name = "Retirement.newestFirst", query = "select r from Retirement r where not exists (select rr.id from "
        + "RetiredRange rr where rr.retirementId = r.id and rr.issuance.project.visibility = "
        + "cn.yaan.carbonsink.ledger.ProjectVisibility.TEST) order by r.retiredAt desc, r.id desc")
@NamedQuery(name = "Retirement.count", query = "select count(r) from Retirement r where not exists (select rr.id from "
        + "RetiredRange rr where rr.retirementId = r.id and rr.issuance.project.visibility = "
        + "cn.yaan.carbonsink.ledger.ProjectVisibility.TEST)")
@NamedQuery(name = "Retirement.ofOrder", query = "select r from Retirement r where r.orderId = :order")
public class Retirement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", unique = true)
    Long orderId;
    @Column(name = "quantity_kg", nullable = false)
    long quantityKg;
    @Column(nullable = false, length = 200)
    String beneficiary;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    OrderPurpose purpose;
    @Column(length = 100)
    String reference;
    @Column(length = 500)
    String note;
    @Column(nullable = false, length = 64)
    String actor;
    @Column(name = "retired_at", nullable = false)
    Instant retiredAt;

    protected Retirement() {
    }

    /** Characters of the name units are retired for (an order's beneficiary becomes its retirement's). */
    public static final int BENEFICIARY_MAX = 200;

    Retirement(Long orderId, long quantityKg, String beneficiary, OrderPurpose purpose, String reference, String note,
               String actor, Instant retiredAt) {
        this.orderId = orderId;
        this.quantityKg = quantityKg;
        this.beneficiary = FreeText.required("beneficiary", beneficiary, BENEFICIARY_MAX);
        this.purpose = purpose;
        this.reference = reference;
        this.note = FreeText.optional("note", note, 500);
        this.actor = actor;
        this.retiredAt = retiredAt;
    }

    public Long id() {
        return id;
    }

    public Long orderId() {
        return orderId;
    }

    public long quantityKg() {
        return quantityKg;
    }

    public String beneficiary() {
        return beneficiary;
    }

    public OrderPurpose purpose() {
        return purpose;
    }

    public String reference() {
        return reference;
    }

    public Instant retiredAt() {
        return retiredAt;
    }
}
