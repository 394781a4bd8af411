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
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Set;

/**
 * An order for units (认购订单): holds units until paid or expired; payment retires them. Its status moves only
 * through the methods below, each of which refuses a transition its current status does not allow:
 * <pre>
 * PENDING_PAYMENT --pay--> PAID --retired--> RETIRED
 * PENDING_PAYMENT --cancel--> CANCELLED
 * PENDING_PAYMENT --expire--> EXPIRED --renew--> PENDING_PAYMENT (a late payment found the units again)
 * EXPIRED --refundDue--> REFUND_DUE (a late payment found them gone)
 * </pre>
 */
@Entity
@Table(name = "unit_order")
@NamedQuery(name = "UnitOrder.ofOwnerNewestFirst",
        query = "select o from UnitOrder o where o.owner = :owner order by o.createdAt desc, o.id desc")
@NamedQuery(name = "UnitOrder.byPaymentId", query = "select o from UnitOrder o where o.paymentId = :paymentId")
@NamedQuery(name = "UnitOrder.idByPaymentId", query = "select o.id from UnitOrder o where o.paymentId = :paymentId")
@NamedQuery(name = "UnitOrder.pendingOfOwner", query = "select count(o), coalesce(sum(o.quantityKg), 0) from UnitOrder o "
        + "where o.owner = :owner and o.status = cn.yaan.carbonsink.ledger.OrderStatus.PENDING_PAYMENT "
        + "and o.expiresAt > :now and o.purpose in :purposes")
@NamedQuery(name = "UnitOrder.expiredIds",
        query = "select o.id from UnitOrder o where o.status = cn.yaan.carbonsink.ledger.OrderStatus.PENDING_PAYMENT and o.expiresAt <= :now order by o.id")
public class UnitOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "payment_id", nullable = false, unique = true, length = 40)
    private String paymentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OrderPurpose purpose;
    @Column(nullable = false, length = 200)
    private String beneficiary;
    @Column(length = 100)
    private String reference;
    @Column(name = "project_id")
    private Long projectId;
    @Column(name = "quantity_kg", nullable = false)
    private long quantityKg;
    @Column(name = "amount_fen", nullable = false)
    private long amountFen;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OrderStatus status = OrderStatus.PENDING_PAYMENT;
    @Column(nullable = false, length = 64)
    private String owner;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "paid_at")
    private Instant paidAt;
    @Column(name = "payment_ref", length = 100)
    private String paymentRef;
    @Version
    private long version;

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

    /** The price of the units held, known once they are held (each issuance's project sets its price). */
    void priced(long amountFen) {
        require(OrderStatus.PENDING_PAYMENT, "be priced");
        this.amountFen = amountFen;
    }

    /** A payment arrived in time: the order is paid (and retired by the same transaction). */
    void pay(Instant now, String paymentRef) {
        require(OrderStatus.PENDING_PAYMENT, "be paid");
        if (!now.isBefore(expiresAt)) {
            throw new IllegalStateException("Order " + id + " expired at " + expiresAt + " and cannot be paid at " + now);
        }
        status = OrderStatus.PAID;
        paidAt = now;
        this.paymentRef = paymentRef;
    }

    /** The paid order's units were retired. */
    void retired() {
        require(OrderStatus.PAID, "be marked retired");
        status = OrderStatus.RETIRED;
    }

    /** The buyer cancelled the unpaid order (its holds are released by the same transaction). */
    void cancel() {
        require(OrderStatus.PENDING_PAYMENT, "be cancelled");
        status = OrderStatus.CANCELLED;
    }

    /** The hold ran out unpaid (its holds are released by the same transaction). */
    void expire(Instant now) {
        require(OrderStatus.PENDING_PAYMENT, "expire");
        if (now.isBefore(expiresAt)) {
            throw new IllegalStateException("Order " + id + " holds its units until " + expiresAt);
        }
        status = OrderStatus.EXPIRED;
    }

    /** A payment arrived after expiry and the units could be held again: the order takes it until {@code until}. */
    void renew(Instant until) {
        require(OrderStatus.EXPIRED, "be renewed");
        status = OrderStatus.PENDING_PAYMENT;
        expiresAt = until;
    }

    /** A payment arrived after expiry and the units (or the scheme's places) were gone: the money goes back. */
    void refundDue(Instant now, String paymentRef) {
        require(OrderStatus.EXPIRED, "become refund-due");
        status = OrderStatus.REFUND_DUE;
        paidAt = now;
        this.paymentRef = paymentRef;
    }

    /** Whether the order is waiting for its payment at {@code now}. */
    public boolean pendingAt(Instant now) {
        return status == OrderStatus.PENDING_PAYMENT && now.isBefore(expiresAt);
    }

    /** Settled for good: nothing a payment or a buyer does changes it any more. */
    public boolean settled() {
        return SETTLED.contains(status);
    }

    private static final Set<OrderStatus> SETTLED = Set.of(OrderStatus.RETIRED, OrderStatus.CANCELLED, OrderStatus.REFUND_DUE);

    private void require(OrderStatus expected, String what) {
        if (status != expected) {
            throw new IllegalStateException("Order " + id + " is " + status + " and cannot " + what);
        }
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

    public String paymentRef() {
        return paymentRef;
    }

    public Long projectId() {
        return projectId;
    }
}
