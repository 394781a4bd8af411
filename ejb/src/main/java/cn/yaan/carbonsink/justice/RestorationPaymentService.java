package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderRenewal;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.ProjectService;
import cn.yaan.carbonsink.ledger.RetirementService;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import cn.yaan.carbonsink.platform.Idempotency;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.UniqueViolations;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.persistence.PersistenceException;

import java.util.Locale;

/**
 * Units in lieu of a court's order (认购碳汇): the clerk's purchase through a ledger order, or a payment the court
 * received itself and records with its bank receipt; the ledger's retirement counts towards the order in the same
 * transaction. The ledger's rows are locked before the order's ({@code LedgerLocks}).
 */
@Stateless
public class RestorationPaymentService {

    /** What an idempotency record keeps of the result: a reference read again on a retry. */
    private static final String ORDER_REF = "order:";
    private static final String RESTORATION_REF = "restoration-order:";

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    RestorationOrders orders;

    @Inject
    OrderService ledgerOrders;

    @Inject
    ProjectService projects;

    @Inject
    RetirementService retirements;

    @Inject
    Idempotency idempotency;

    /**
     * {@link #purchase(long, String, Caller)} as a clerk's request; with an {@code Idempotency-Key}, a retry of the
     * same request answers the ledger order the first one created (instead of 409 purchase-pending).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UnitOrder purchase(long id, String projectCode, Caller caller, String idempotencyKey) {
        return idempotency.once(new Idempotency.Request(caller.username(), idempotencyKey,
                        "POST /restoration-orders/" + id + "/purchase", projectCode == null ? "" : projectCode),
                () -> purchase(id, projectCode, caller), o -> ORDER_REF + o.id(), ref -> {
                    orders.find(id, caller);
                    return ledgerOrders.order(Long.parseLong(ref.substring(ORDER_REF.length())));
                });
    }

    /**
     * {@link #offlinePayment(long, OfflinePayment, Caller)} as a clerk's request; with an {@code Idempotency-Key}, a
     * retry of the same request answers the order as the first one left it paid (instead of 409 receipt-used).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RestorationOrder offlinePayment(long id, @NotNull @Valid OfflinePayment payment, Caller caller,
                                           String idempotencyKey) {
        String canonical = String.join("\n", payment.receiptNo().strip().toUpperCase(Locale.ROOT),
                payment.amountFen().toString(), payment.projectCode() == null ? "" : payment.projectCode().strip());
        return idempotency.once(new Idempotency.Request(caller.username(), idempotencyKey,
                        "POST /restoration-orders/" + id + "/offline-payment", canonical),
                () -> offlinePayment(id, payment, caller), o -> RESTORATION_REF + o.id(), ref -> orders.find(id, caller));
    }

    /**
     * Creates the ledger order for the units in lieu still due (purpose RESTORATION, reference = the order's), owned
     * by the calling clerk, who pays it or passes its payment id to the defendant. 409 when nothing is due or an
     * earlier purchase is still waiting for its payment.
     */
    public UnitOrder purchase(long id, String projectCode, Caller caller) {
        // The ledger's lock order: its rows first, the restoration order's after (see LedgerLocks). What was read
        // before the lock is checked again under it, so two clerks ordering at once end with one purchase.
        RestorationOrder read = orders.find(id, caller);
        orders.requireOpen(read);
        requirePurchaseDue(read);
        UnitOrder unitOrder = ledgerOrders.reserve(new OrderService.ReserveRequest(OrderPurpose.RESTORATION,
                orders.courtName(read.courtCode()), read.reference(), projectCode, read.outstandingKg(), caller.username()));
        RestorationOrder order = RowLocks.fresh(em, read);
        orders.requireOpen(order);
        requirePurchaseDue(order);
        if (order.outstandingKg() != unitOrder.quantityKg()) {
            throw BusinessException.conflict("concurrent-change", "The units due changed at the same moment; try again.");
        }
        order.purchaseOrdered(unitOrder.id());
        orders.event(order, caller.username(), "PURCHASE_ORDERED", "ledger order " + unitOrder.id() + " for "
                + unitOrder.quantityKg() + " kg, " + unitOrder.amountFen() + " fen, payment " + unitOrder.paymentId(),
                RestorationOrders.fields("order", unitOrder.id(), "kg", unitOrder.quantityKg(),
                        "fen", unitOrder.amountFen()));
        return unitOrder;
    }

    /** A payment into the court's own account, with its bank receipt. */
    public record OfflinePayment(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9/_-]*",
            message = "must be letters, digits, '/', '_' or '-'") String receiptNo,
                                 @NotNull @Min(1) @Max(1_000_000_000_000L) Long amountFen,
                                 @Size(max = 32) String projectCode) {
    }

    /**
     * The clerk records that the defendant paid into the court's own account: the units are retired at once from a
     * project with enough available units (or the one named). 422 when the amount is below the order's amount.
     */
    public RestorationOrder offlinePayment(long id, @NotNull @Valid OfflinePayment payment, Caller caller) {
        String receiptNo = payment.receiptNo();
        long amountFen = payment.amountFen();
        String projectCode = payment.projectCode() == null || payment.projectCode().isBlank() ? null
                : payment.projectCode().trim();
        RestorationOrder order = orders.find(id, caller);
        orders.requireOpen(order);
        requirePurchaseDue(order);
        long kg = order.outstandingKg();
        long due = RestorationService.amountFen(kg);
        if (amountFen < due) {
            throw BusinessException.unprocessable("amount-too-low", "The receipt of " + amountFen
                    + " fen is less than the " + due + " fen due for " + kg + " kg.");
        }
        String receipt = useReceipt(order, receiptNo, amountFen);
        String project = projectCode != null ? projectCode : projects.projectWithAvailable(kg);
        orders.event(order, caller.username(), "PAID_OFFLINE", "receipt " + receipt + ", " + amountFen + " fen",
                RestorationOrders.fields("receipt", receipt, "fen", amountFen));
        // The ledger's lock order: the retirement locks the ledger's rows, then (through onRetired) this order,
        // which checks under its lock that the units are still due.
        retirements.retireDirect(project, kg, orders.courtName(order.courtCode()), OrderPurpose.RESTORATION, order.reference(),
                "offline payment, receipt " + receipt, caller.username());
        return order;
    }

    /**
     * Records a bank receipt as used by this order: one receipt settles one order. 409 {@code receipt-used} when the
     * court recorded it before (also when two clerks record it at the same moment).
     */
    private String useReceipt(RestorationOrder order, String receiptNo, long amountFen) {
        String receipt = receiptNo.strip().toUpperCase(Locale.ROOT);
        BusinessException used = BusinessException.conflict("receipt-used", "The receipt " + receipt
                + " was recorded for a restoration order already; a receipt settles one order.");
        if (em.find(RestorationReceipt.class, new RestorationReceipt.Key(order.courtCode(), receipt)) != null) {
            throw used;
        }
        try {
            em.persist(new RestorationReceipt(order.courtCode(), receipt, order.id(), amountFen, clock.now()));
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolations.is(e)) {
                throw e;
            }
            throw used;
        }
        return receipt;
    }

    private void requirePurchaseDue(RestorationOrder order) {
        if (order.outstandingKg() == 0) {
            throw BusinessException.conflict("no-purchase-due", "No units in lieu are due on this order"
                    + (order.remedy() == Remedy.REPLANT_ELSE_PURCHASE ? " unless the final inspection finds a shortfall." : "."));
        }
        if (order.unitOrderId() != null) {
            UnitOrder earlier = ledgerOrders.order(order.unitOrderId());
            if (earlier.status() == OrderStatus.PENDING_PAYMENT && clock.now().isBefore(earlier.expiresAt())) {
                throw BusinessException.conflict("purchase-pending", "The ledger order " + earlier.id()
                        + " is waiting for its payment until " + earlier.expiresAt() + ".");
            }
        }
    }

    /**
     * Units were retired (in the retiring transaction): those for a restoration order (purpose RESTORATION,
     * reference = the order's reference), paid through a ledger order or recorded as paid offline, count towards it,
     * so the order is fulfilled and its certificate issued together with the retirement or not at all.
     */
    public void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() != OrderPurpose.RESTORATION || retired.reference() == null) {
            return;
        }
        RestorationOrder order = orders.byReference(retired.reference());
        if (order == null) {
            return;
        }
        if (order.closed() || retired.quantityKg() > order.outstandingKg()) {
            throw BusinessException.conflict("no-purchase-due", "The units in lieu of this order were paid at the same "
                    + "moment; nothing more is due.");
        }
        order.unitsRetired(retired.quantityKg(), retired.serialBlocks());
        orders.publish(IntegrationEvent.Type.RESTORATION_PAID, order,
                "paidKg", retired.quantityKg(), "retirementId", retired.retirementId());
        orders.event(order, "ledger", "UNITS_RETIRED", retired.quantityKg() + " kg, retirement " + retired.retirementId()
                + ", serials " + String.join(",", retired.serialBlocks()),
                RestorationOrders.fields("kg", retired.quantityKg()));
        orders.fulfilIfComplete(order, "ledger");
    }

    /**
     * A payment came for an expired purchase: the units are held again only while the order still needs them (the
     * court may have recorded an offline payment, or ordered again, meanwhile); otherwise the money is owed back.
     */
    public void onRenewal(@Observes OrderRenewal renewal) {
        if (renewal.purpose() != OrderPurpose.RESTORATION) {
            return;
        }
        RestorationOrder order = orders.byReference(renewal.reference());
        if (order != null && (order.closed() || !Long.valueOf(renewal.orderId()).equals(order.unitOrderId())
                || order.outstandingKg() == 0)) {
            renewal.refuse();
        }
    }
}
