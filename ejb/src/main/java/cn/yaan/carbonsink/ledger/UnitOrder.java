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

/** An order for units (认购订单): holds units until paid or expired; payment retires them. */
@Entity
@Table(name = "unit_order")
@NamedQuery(name = "UnitOrder.ofOwnerNewestFirst",
        query = "select o from UnitOrder o where o.owner = :owner order by o.createdAt desc, o.id desc")
@NamedQuery(name = "UnitOrder.byPaymentId", query = "select o from UnitOrder o where o.paymentId = :paymentId")
@NamedQuery(name = "UnitOrder.expiredIds",
        query = "select o.id from UnitOrder o where o.status = cn.yaan.carbonsink.ledger.OrderStatus.PENDING_PAYMENT and o.expiresAt <= :now order by o.id")
public class UnitOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "payment_id", nullable = false, unique = true, length = 40)
    String paymentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    OrderPurpose purpose;
    @Column(nullable = false, length = 200)
    String beneficiary;
    @Column(length = 100)
    String reference;
    @Column(name = "project_id")
    Long projectId;
    @Column(name = "quantity_kg", nullable = false)
    long quantityKg;
    @Column(name = "amount_fen", nullable = false)
    long amountFen;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    OrderStatus status = OrderStatus.PENDING_PAYMENT;
    @Column(nullable = false, length = 64)
    String owner;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;
    @Column(name = "paid_at")
    Instant paidAt;
    @Column(name = "payment_ref", length = 100)
    String paymentRef;

    protected UnitOrder() {
    }

    UnitOrder(String paymentId, OrderPurpose purpose, String beneficiary, String reference, Long projectId,
              long quantityKg, long amountFen, String owner, Instant createdAt, Instant expiresAt) {
        this.paymentId = paymentId;
        this.purpose = purpose;
        this.beneficiary = FreeText.required("beneficiary", beneficiary, Retirement.BENEFICIARY_MAX);
        this.reference = reference;
        this.projectId = projectId;
        this.quantityKg = quantityKg;
        this.amountFen = amountFen;
        this.owner = owner;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long id() {
        return id;
    }

    public String paymentId() {
        return paymentId;
    }

    public OrderPurpose purpose() {
        return purpose;
    }

    public String beneficiary() {
        return beneficiary;
    }

    public String reference() {
        return reference;
    }

    public long quantityKg() {
        return quantityKg;
    }

    public long amountFen() {
        return amountFen;
    }

    public OrderStatus status() {
        return status;
    }

    public String owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant paidAt() {
        return paidAt;
    }
}
