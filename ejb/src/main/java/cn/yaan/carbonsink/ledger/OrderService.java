package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.platform.Idempotency;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Orders for units (认购订单): an order holds units until it is paid ({@link PaymentService}), cancelled by its buyer,
 * or expired ({@code carbonsink.reservation-minutes}, default 15). Every scheme's purchase is such an order.
 */
@Stateless
public class OrderService {

    /** The purposes whose unpaid orders count against {@link OrderLimits}: what anyone can order for themselves. */
    private static final EnumSet<OrderPurpose> LIMITED = EnumSet.complementOf(EnumSet.of(OrderPurpose.RESTORATION));

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    Metrics metrics;

    @Inject
    AuditLedger audit;

    @Inject
    LedgerLocks locks;

    @Inject
    Inventory inventory;

    @Inject
    ProjectService projects;

    @Inject
    OrderLimits limits;

    @Inject
    IdentityService identity;

    @Inject
    Idempotency idempotency;

    @Inject
    Event<OrderReleased> released;

    public record ReserveRequest(OrderPurpose purpose, String beneficiary, String reference, String projectCode,
                                 long quantityKg, String owner) {
    }

    /** A buyer's order of units for themselves: from one project or the oldest vintages; the beneficiary defaults to the buyer. */
    public record NewOrder(@Size(max = 32) @Schema(examples = "YA-FM-01") String projectCode,
                           @NotNull @Min(1) @Max(100_000_000L) @Schema(examples = "500") Long quantityKg,
                           @Schema(maxLength = 200, examples = "雅安市雨城区某公司") String beneficiary) {
    }

    /**
     * {@link #reserve} for a buyer's own request ({@code DIRECT}); with an {@code Idempotency-Key}, a retry of the same request answers
     * the order it made.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UnitOrder place(@NotNull @Valid NewOrder n, String owner, String displayName, String idempotencyKey) {
        String beneficiary = n.beneficiary() == null || n.beneficiary().isBlank() ? displayName : n.beneficiary().trim();
        String project = n.projectCode() == null || n.projectCode().isBlank() ? null : n.projectCode().trim();
        ReserveRequest r = new ReserveRequest(OrderPurpose.DIRECT, beneficiary, null, project, n.quantityKg(), owner);
        return idempotency.once(new Idempotency.Request(r.owner(), idempotencyKey, "POST /orders", r.toString()),
                () -> reserve(r), o -> "order:" + o.id(), ref -> order(Long.parseLong(ref.substring("order:".length()))));
    }

    /**
     * Holds units for an order until it is paid or expires: from the given project, or from the oldest vintages of
     * all active projects. The amount is priced from the project of each held issuance. 409 {@code pending-limit}
     * when the buyer already holds as much unpaid as {@link OrderLimits} allows.
     */
    public UnitOrder reserve(ReserveRequest r) {
        Long projectId = r.projectCode() == null ? null : projects.requireActiveProject(r.projectCode()).id();
        Instant now = clock.now();
        if (LIMITED.contains(r.purpose())) {
            identity.lockAccount(r.owner());
            checkLimits(r.owner(), r.quantityKg(), now);
        }
        List<Issuance> locked = locks.issuances(r.projectCode() != null ? inventory.issuanceIds(r.projectCode())
                : inventory.oldestCovering(r.quantityKg()));
        long available = locked.stream().mapToLong(Issuance::availableKg).sum();
        if (available < r.quantityKg()) {
            long anywhere = r.projectCode() != null ? available : inventory.availableOfActiveProjects();
            if (anywhere >= r.quantityKg()) {
                throw BusinessException.conflict("concurrent-change",
                        "Units were taken by someone else at the same moment; try again.");
            }
            throw Inventory.insufficient(r.quantityKg(), anywhere);
        }
        UnitOrder order = new UnitOrder(UUID.randomUUID().toString(), r.purpose(), r.beneficiary(), r.reference(),
                projectId, r.quantityKg(), 0, r.owner(), now, now.plus(reservationTime()));
        em.persist(order);
        em.flush();
        Map<Issuance, Long> holds = inventory.hold(order, locked);
        order.priced(holds.entrySet().stream()
                .mapToLong(h -> SinkProject.amountFen(h.getValue(), h.getKey().project().unitPriceFenPerTonne())).sum());
        audit.append(r.owner(), "RESERVED order=" + order.id() + " kg=" + r.quantityKg() + " holds=" + holds.entrySet()
                .stream().map(h -> h.getKey().id() + ":" + h.getValue()).collect(Collectors.joining(" ")));
        metrics.count(Metrics.ORDERS, "event", "created");
        return order;
    }

    /** Under the account's lock: the unpaid orders it holds now, plus this one, must stay within the limits. */
    private void checkLimits(String owner, long kg, Instant now) {
        Object[] pending = em.createNamedQuery("UnitOrder.pendingOfOwner", Object[].class).setParameter("owner", owner)
                .setParameter("now", now).setParameter("purposes", LIMITED).getSingleResult();
        long orders = ((Number) pending[0]).longValue();
        long heldKg = ((Number) pending[1]).longValue();
        OrderLimits.Values max = limits.current();
        if (orders + 1 > max.maxPendingOrders()) {
            throw BusinessException.conflict("pending-limit", "You already have " + orders + " unpaid orders, the most "
                    + "one account may hold at a time. Pay or cancel one of them first.");
        }
        if (heldKg + kg > max.maxPendingKg()) {
            throw BusinessException.conflict("pending-limit", "Your unpaid orders already hold " + heldKg + " kg; with "
                    + kg + " kg more they would hold over the " + max.maxPendingKg() + " kg one account may hold unpaid. "
                    + "Pay or cancel an order first, or order less.");
        }
    }

    public UnitOrder order(long id) {
        UnitOrder order = em.find(UnitOrder.class, id);
        if (order == null) {
            throw BusinessException.notFound("No order " + id + ".");
        }
        return order;
    }

    /** An order of its owner; anyone else's is answered as if it did not exist. */
    public UnitOrder own(long id, String owner) {
        UnitOrder order = order(id);
        if (!order.owner().equals(owner)) {
            throw BusinessException.notFound("No order " + id + ".");
        }
        return order;
    }

    /** The project an order was placed for, or null when it takes the oldest units of any project. */
    public String projectCodeOf(UnitOrder order) {
        return order.projectId() == null ? null : em.find(SinkProject.class, order.projectId()).code();
    }

    /** The payment ids of these orders, by order id (one query). */
    public Map<Long, String> paymentIds(List<Long> orderIds) {
        return orderIds.isEmpty() ? Map.of() : em.createQuery("select o.id, o.paymentId from UnitOrder o where o.id in :ids",
                Object[].class).setParameter("ids", orderIds).getResultStream()
                .collect(Collectors.toMap(row -> (Long) row[0], row -> (String) row[1]));
    }

    /** The statuses of these orders, by order id (one query). */
    public Map<Long, OrderStatus> statuses(List<Long> orderIds) {
        return orderIds.isEmpty() ? Map.of() : em.createQuery("select o.id, o.status from UnitOrder o where o.id in :ids",
                Object[].class).setParameter("ids", orderIds).getResultStream()
                .collect(Collectors.toMap(row -> (Long) row[0], row -> (OrderStatus) row[1]));
    }

    public List<UnitOrder> ordersOf(String owner, int max) {
        return em.createNamedQuery("UnitOrder.ofOwnerNewestFirst", UnitOrder.class).setParameter("owner", owner)
                .setMaxResults(max).getResultList();
    }

    public UnitOrder orderByPayment(String paymentId) {
        return em.createNamedQuery("UnitOrder.byPaymentId", UnitOrder.class).setParameter("paymentId", paymentId)
                .getResultStream().findFirst()
                .orElseThrow(() -> BusinessException.notFound("No payment " + paymentId + "."));
    }

    /** The retirements of the owner's paid orders, whatever they were for. */
    public List<Long> retirementIdsOf(String owner) {
        return em.createQuery("select r.id from Retirement r, UnitOrder o where r.orderId = o.id and o.owner = :owner",
                Long.class).setParameter("owner", owner).getResultList();
    }

    public Retirement retirementOfOrder(long orderId) {
        return em.createNamedQuery("Retirement.ofOrder", Retirement.class).setParameter("order", orderId)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * Cancels an unpaid order of its owner and releases its holds; 409 once it is paid, expired or cancelled. Its
     * payments started at providers are marked to be closed there ({@link ReservationExpiry}); one that gets through
     * all the same is owed back ({@link PaymentService}).
     */
    public UnitOrder cancel(long orderId, String owner) {
        UnitOrder order = locks.order(orderId);
        if (order == null || !order.owner().equals(owner)) {
            throw BusinessException.notFound("No order " + orderId + ".");
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw BusinessException.conflict("order-not-pending",
                    "Only an unpaid order can be cancelled; this one is " + order.status() + ".");
        }
        inventory.releaseHolds(order);
        order.cancel();
        em.createNamedQuery("PaymentAttempt.ofOrder", PaymentAttempt.class).setParameter("order", order.id())
                .getResultList().forEach(a -> a.closeDue(clock.now()));
        audit.append(owner, "CANCELLED order=" + order.id());
        released.fire(new OrderReleased(order.id(), order.purpose(), order.reference(), order.status()));
        metrics.count(Metrics.ORDERS, "event", "cancelled");
        return order;
    }

    // ---------------------------------------------------------------- expiry

    /** Orders whose hold has run out and are still unpaid. */
    public List<Long> expiredOrderIds(int max) {
        return em.createNamedQuery("UnitOrder.expiredIds", Long.class).setParameter("now", clock.now())
                .setMaxResults(max).getResultList();
    }

    /**
     * Releases one expired order's holds. Safe when several nodes run the expiry job at once: the order is read
     * under its row lock, so only one of them releases.
     */
    public boolean expire(long orderId) {
        UnitOrder order = locks.order(orderId);
        if (order == null || order.status() != OrderStatus.PENDING_PAYMENT || clock.now().isBefore(order.expiresAt())) {
            return false;
        }
        expireLocked(order, "system");
        return true;
    }

    /**
     * Expires an order whose time ran out: its units go back, its scheme lets go of what it held. Called with the
     * order locked (by {@link #expire} and {@link PaymentService}).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void expireLocked(UnitOrder order, String actor) {
        inventory.releaseHolds(order);
        order.expire(clock.now());
        audit.append(actor, "EXPIRED order=" + order.id() + " kg=" + order.quantityKg());
        released.fire(new OrderReleased(order.id(), order.purpose(), order.reference(), order.status()));
        metrics.count(Metrics.ORDERS, "event", "expired");
    }

    static Duration reservationTime() {
        return Duration.ofMinutes(Long.parseLong(Settings.get("carbonsink.reservation-minutes", "15")));
    }
}
