package cn.yaan.carbonsink.obligation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.yaan.carbonsink.identity.CitizenProfile;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import cn.yaan.carbonsink.platform.Idempotency;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Optional;

/**
 * Units bought for a year's duty (认购碳汇尽责): an order of the ledger for trees x the kg-per-tree setting; its
 * retirement is credited to the citizen's year once, in the retiring transaction.
 */
@Stateless
public class DutyPurchaseService {

    /** What an idempotency record keeps of the result: a reference read again on a retry. */
    private static final String ORDER_REF = "order:";

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    DutySettings settings;

    @Inject
    OrderService orders;

    @Inject
    DutyRecords records;

    @Inject
    IdentityService identity;

    @Inject
    Idempotency idempotency;

    @Schema(requiredProperties = {"orderId", "quantityKg", "amountFen", "paymentId", "trees", "kgPerTree"})
    public record Purchase(long orderId, long quantityKg, long amountFen, String paymentId, int trees, int kgPerTree,
                           Instant expiresAt) {
    }

    /** Units for this year's duty, as trees; from one project or the oldest units of any. */
    public record UnitPurchase(@NotNull @Min(1) @Max(100) @Schema(examples = "3") Integer trees,
                               @Size(max = 32) @Schema(examples = "YA-FM-01") String projectCode) {
    }

    /**
     * {@link #buyUnits(String, int, UnitPurchase)} as a citizen's request; with an {@code Idempotency-Key}, a retry
     * of the same request answers the purchase the first one made.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Purchase buyUnits(String username, int year, @NotNull @Valid UnitPurchase p, String idempotencyKey) {
        String canonical = year + "\n" + p.trees() + "\n" + (p.projectCode() == null ? "" : p.projectCode().strip());
        return idempotency.once(new Idempotency.Request(username, idempotencyKey,
                        "POST /me/obligations/" + year + "/unit-purchases", canonical),
                () -> buyUnits(username, year, p), b -> ORDER_REF + b.orderId(),
                ref -> purchaseOf(orders.order(Long.parseLong(ref.substring(ORDER_REF.length())))));
    }

    /**
     * Orders units for this year's duty: {@code trees} x the kg-per-tree setting, priced from the project (any active
     * project's oldest units when none is named). When paid, the retirement is credited once ({@link #onRetired}).
     */
    public Purchase buyUnits(String username, int year, @NotNull @Valid UnitPurchase p) {
        int trees = p.trees();
        String projectCode = p.projectCode() == null || p.projectCode().isBlank() ? null : p.projectCode().trim();
        records.checkYear(year);
        if (year != clock.today().getYear()) {
            throw BusinessException.unprocessable("year-closed",
                    "Units can be bought for this year's duty only (" + clock.today().getYear() + ").");
        }
        if (trees < 1 || trees > DutyRecords.MAX_TREES) {
            throw BusinessException.invalid("trees", "Buy units for 1 to " + DutyRecords.MAX_TREES + " trees.");
        }
        // The account first, as the lock order says: inserting the purchase takes a key-share lock on the account row it
        // refers to, and two purchases holding that lock would each wait for the other's when the order locks it.
        identity.lockAccount(username);
        CitizenProfile profile = records.profile(username);
        int kgPerTree = settings.current().kgPerTree();
        DutyPurchase purchase = new DutyPurchase(profile.accountId(), year, trees, kgPerTree, clock.now());
        em.persist(purchase);
        em.flush();
        UnitOrder order = orders.reserve(new OrderService.ReserveRequest(OrderPurpose.PUBLIC_DUTY, profile.name(),
                purchase.reference(), projectCode, (long) trees * kgPerTree, username));
        purchase.orderId = order.id();
        return new Purchase(order.id(), order.quantityKg(), order.amountFen(), order.paymentId(), trees, kgPerTree,
                order.expiresAt());
    }

    /** The purchase behind a duty order, as {@link #buyUnits} answered it. */
    private Purchase purchaseOf(UnitOrder order) {
        DutyPurchase purchase = em.find(DutyPurchase.class,
                Long.parseLong(order.reference().substring(DutyPurchase.REFERENCE_PREFIX.length())));
        return new Purchase(order.id(), order.quantityKg(), order.amountFen(), order.paymentId(), purchase.trees,
                purchase.kgPerTree, order.expiresAt());
    }

    /** The year and trees a duty order counts for, as the order page says them. */
    public record DutyOfOrder(int year, int trees) {
    }

    /** What the ledger order of this reference counts for, when it is a duty purchase's. */
    public Optional<DutyOfOrder> dutyOfOrder(String reference) {
        if (reference == null || !reference.startsWith(DutyPurchase.REFERENCE_PREFIX)
                || !reference.substring(DutyPurchase.REFERENCE_PREFIX.length()).matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(DutyPurchase.class,
                Long.parseLong(reference.substring(DutyPurchase.REFERENCE_PREFIX.length()))))
                .map(p -> new DutyOfOrder(p.year, p.trees));
    }

    /** Units retired for the duty (called in the retiring transaction): credited once per retirement. */
    public void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() != OrderPurpose.PUBLIC_DUTY || retired.reference() == null
                || !retired.reference().startsWith(DutyPurchase.REFERENCE_PREFIX)) {
            return;
        }
        DutyPurchase purchase = em.find(DutyPurchase.class,
                Long.parseLong(retired.reference().substring(DutyPurchase.REFERENCE_PREFIX.length())));
        if (purchase == null) {
            throw new IllegalStateException("Units retired for an unknown duty purchase " + retired.reference());
        }
        records.record(purchase.accountId, purchase.year, FulfilmentForm.CARBON_UNITS, purchase.trees, retired.quantityKg(),
                String.join(",", retired.serialBlocks()), "retirement:" + retired.retirementId(), "payment");
    }
}
