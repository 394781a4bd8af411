package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ledger of carbon-sink units (碳汇账本): every scheme takes its units from here. Invariants held by the database,
 * not by this JVM, so they hold on several nodes: an issuance's row is locked ({@code SELECT ... FOR UPDATE}) while
 * its inventory changes, issued = available + reserved + retired is a CHECK constraint, serial ranges are taken from
 * the issuance's free ranges under that lock, and every change appends to the audit chain under the chain head's
 * lock. Locks are always taken in the same order (order, then issuances by id, then the chain head), so concurrent
 * transactions wait for each other instead of deadlocking.
 */
@Stateless
public class LedgerService {

    static final Pattern PROJECT_CODE = Pattern.compile("[A-Z][A-Z0-9]{0,9}(-[A-Z0-9]{1,10}){0,3}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditLedger audit;

    @Inject
    Event<UnitsRetired> retired;

    @Inject
    Event<OrderReleased> released;

    @Inject
    Event<OrderRenewal> renewals;

    // ---------------------------------------------------------------- projects and issuances

    public record NewProject(String code, String nameZh, String nameEn, String county, String standard,
                             String methodology, BigDecimal areaMu, long unitPriceFenPerTonne) {
    }

    public SinkProject createProject(NewProject p, String actor) {
        if (!PROJECT_CODE.matcher(p.code()).matches()) {
            throw BusinessException.invalid("code",
                    "A project code is upper-case letters and digits in up to four dash-separated parts, e.g. BX-FM-01.");
        }
        if (findProject(p.code()) != null) {
            throw BusinessException.conflict("project-exists", "A project with the code " + p.code() + " exists already.");
        }
        SinkProject project = new SinkProject(p.code(), p.nameZh(), p.nameEn(), p.county(), p.standard(),
                p.methodology(), p.areaMu(), p.unitPriceFenPerTonne(), clock.now());
        em.persist(project);
        em.flush();
        audit.append(actor, "PROJECT " + p.code() + " price=" + p.unitPriceFenPerTonne());
        return project;
    }

    /** Issues {@code kg} units of a vintage to a project: the next block of the project's running numbers. */
    public Issuance issue(String projectCode, int vintage, long kg, String actor) {
        SinkProject project = em.createNamedQuery("SinkProject.byCode", SinkProject.class)
                .setParameter("code", projectCode).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> BusinessException.notFound("No sink project has the code " + projectCode + "."));
        int thisYear = clock.today().getYear();
        if (vintage < 2000 || vintage > thisYear) {
            throw BusinessException.invalid("vintage", "The vintage must be a year from 2000 to " + thisYear + ".");
        }
        if (project.nextSerial + kg - 1 > 9_999_999_999L) {
            throw BusinessException.unprocessable("serials-exhausted", "The project has no serial numbers left for " + kg + " kg.");
        }
        SerialRange block = project.takeBlock(kg);
        Issuance issuance = new Issuance(project, vintage, block, clock.now());
        em.persist(issuance);
        em.flush();
        em.persist(new FreeSerialRange(issuance.id(), block));
        audit.append(actor, "ISSUED issuance=" + issuance.id() + " kg=" + kg + " block=" + issuance.block());
        return issuance;
    }

    public SinkProject findProject(String code) {
        return em.createNamedQuery("SinkProject.byCode", SinkProject.class).setParameter("code", code)
                .getResultStream().findFirst().orElse(null);
    }

    public List<SinkProject> projects() {
        return em.createNamedQuery("SinkProject.all", SinkProject.class).getResultList();
    }

    public List<Issuance> issuances(SinkProject project) {
        return em.createNamedQuery("Issuance.ofProjectOldestFirst", Issuance.class)
                .setParameter("project", project).getResultList();
    }

    // ---------------------------------------------------------------- direct retirement

    /** A retirement as its buyer and the public registry see it. */
    public record Receipt(long id, long quantityKg, List<Map<String, String>> serialRanges, String beneficiary,
                          String purpose, Instant retiredAt) {
    }

    /**
     * Retires available units of a project at once (a sale settled outside the platform, e.g. an enterprise's
     * contract): oldest vintage first. 409 {@code insufficient-units} when the project has fewer available.
     */
    public Receipt retireDirect(String projectCode, long kg, String beneficiary, OrderPurpose purpose, String reference,
                                String note, String actor) {
        requireActiveProject(projectCode);
        List<Issuance> locked = lockIssuances(issuanceIds(projectCode));
        long available = locked.stream().mapToLong(Issuance::availableKg).sum();
        if (available < kg) {
            throw insufficient(kg, available);
        }
        Retirement retirement = new Retirement(null, kg, beneficiary, purpose, reference, note, actor, clock.now());
        em.persist(retirement);
        em.flush();
        List<RetiredRange> ranges = new ArrayList<>();
        share(locked, kg).forEach((issuance, take) -> {
            issuance.retireAvailable(take);
            ranges.addAll(takeSerials(retirement, issuance, take));
        });
        return finishRetirement(retirement, ranges, actor);
    }

    // ---------------------------------------------------------------- orders and payment

    public record ReserveRequest(OrderPurpose purpose, String beneficiary, String reference, String projectCode,
                                 long quantityKg, String owner) {
    }

    /**
     * Holds units for an order until it is paid or expires ({@code carbonsink.reservation-minutes}, default 15):
     * from the given project, or from the oldest vintages of all active projects. The amount is priced from the
     * project of each held issuance.
     */
    public UnitOrder reserve(ReserveRequest r) {
        Long projectId = r.projectCode() == null ? null : requireActiveProject(r.projectCode()).id();
        List<Issuance> locked = lockIssuances(r.projectCode() != null ? issuanceIds(r.projectCode())
                : oldestCovering(r.quantityKg()));
        long available = locked.stream().mapToLong(Issuance::availableKg).sum();
        if (available < r.quantityKg()) {
            long anywhere = r.projectCode() != null ? available
                    : ((Number) em.createNamedQuery("Issuance.availableOfActiveProjects").getSingleResult()).longValue();
            if (anywhere >= r.quantityKg()) {
                throw BusinessException.conflict("concurrent-change",
                        "Units were taken by someone else at the same moment; try again.");
            }
            throw insufficient(r.quantityKg(), anywhere);
        }
        Instant now = clock.now();
        UnitOrder order = new UnitOrder(UUID.randomUUID().toString(), r.purpose(), r.beneficiary(), r.reference(),
                projectId, r.quantityKg(), 0, r.owner(), now, now.plus(reservationTime()));
        em.persist(order);
        em.flush();
        Map<Issuance, Long> holds = hold(order, locked);
        order.amountFen = holds.entrySet().stream()
                .mapToLong(h -> SinkProject.amountFen(h.getValue(), h.getKey().project().unitPriceFenPerTonne())).sum();
        audit.append(r.owner(), "RESERVED order=" + order.id() + " kg=" + r.quantityKg() + " holds=" + holds.entrySet()
                .stream().map(h -> h.getKey().id() + ":" + h.getValue()).collect(Collectors.joining(" ")));
        return order;
    }

    public UnitOrder order(long id) {
        UnitOrder order = em.find(UnitOrder.class, id);
        if (order == null) {
            throw BusinessException.notFound("No order " + id + ".");
        }
        return order;
    }

    /** The project an order was placed for, or null when it takes the oldest units of any project. */
    public String projectCodeOf(UnitOrder order) {
        return order.projectId == null ? null : em.find(SinkProject.class, order.projectId).code();
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

    public Retirement retirementOfOrder(long orderId) {
        return em.createNamedQuery("Retirement.ofOrder", Retirement.class).setParameter("order", orderId)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * A payment arrived for an order: retires its held units in this same transaction. Paying twice changes
     * nothing. Paid after expiry: the units are reserved again if still available, else the order is marked
     * REFUND_DUE; never oversold. A wrong amount is refused (422) and changes nothing.
     */
    public UnitOrder confirmPayment(String paymentId, long amountFen, String paymentRef, String actor) {
        UnitOrder order = em.createNamedQuery("UnitOrder.byPaymentId", UnitOrder.class)
                .setParameter("paymentId", paymentId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> BusinessException.notFound("No payment " + paymentId + "."));
        if (order.status == OrderStatus.RETIRED || order.status == OrderStatus.REFUND_DUE) {
            return order;
        }
        if (amountFen != order.amountFen) {
            throw BusinessException.unprocessable("amount-mismatch", "The payment of " + amountFen
                    + " fen does not match the order's amount of " + order.amountFen + " fen.");
        }
        if (order.status == OrderStatus.CANCELLED) {
            throw BusinessException.conflict("order-cancelled", "The order was cancelled; the payment must be refunded.");
        }
        Instant now = clock.now();
        if (order.status == OrderStatus.EXPIRED || !now.isBefore(order.expiresAt)) {
            // A late payment may release the old holds and take new ones: lock everything it may touch at once,
            // in the ledger's one lock order, instead of its holds first and the rest later.
            Set<Long> touched = new TreeSet<>(issuanceIds(projectCodeOf(order)));
            holdsOf(order).forEach(hold -> touched.add(hold.issuanceId));
            lockIssuances(List.copyOf(touched));
        }
        if (order.status == OrderStatus.PENDING_PAYMENT && !now.isBefore(order.expiresAt)) {
            expireLocked(order, "system");
        }
        if (order.status == OrderStatus.EXPIRED && !(reserveAgain(order) && renewed(order))) {
            order.status = OrderStatus.REFUND_DUE;
            order.paidAt = now;
            order.paymentRef = paymentRef;
            audit.append(actor, "REFUND_DUE order=" + order.id() + " amountFen=" + amountFen);
            return order;
        }
        // The ledger's lock order: issuances, then the audit chain's head (a reservation takes them in that order
        // too; the other way round, a payment and a reservation could each wait for the other).
        List<OrderHold> holds = holdsOf(order);
        lockIssuances(holds.stream().map(h -> h.issuanceId).toList());
        order.status = OrderStatus.PAID;
        order.paidAt = now;
        order.paymentRef = paymentRef;
        audit.append(actor, "PAID order=" + order.id() + " amountFen=" + amountFen + " ref=" + paymentRef);
        Retirement retirement = new Retirement(order.id(), order.quantityKg(), order.beneficiary(), order.purpose(),
                order.reference(), null, actor, now);
        em.persist(retirement);
        em.flush();
        List<RetiredRange> ranges = new ArrayList<>();
        for (OrderHold hold : holds) {
            Issuance issuance = em.find(Issuance.class, hold.issuanceId);
            issuance.retireReserved(hold.quantityKg);
            ranges.addAll(takeSerials(retirement, issuance, hold.quantityKg));
        }
        finishRetirement(retirement, ranges, actor);
        order.status = OrderStatus.RETIRED;
        return order;
    }

    /**
     * The demo checkout: the owner pays an order through the simulated provider. 404 when the provider is off (as in
     * production) or the order is someone else's.
     */
    public UnitOrder paySimulated(String paymentId, String owner) {
        if (!SimulatedPaymentProvider.on()) {
            throw BusinessException.notFound("There is no simulated payment provider on this server.");
        }
        UnitOrder order = orderByPayment(paymentId);
        if (!order.owner().equals(owner)) {
            throw BusinessException.notFound("No payment " + paymentId + ".");
        }
        return confirmPayment(paymentId, order.amountFen(), "simulated:" + paymentId,
                "payment:" + SimulatedPaymentProvider.NAME);
    }

    /** After expiry the holds are gone: hold the same quantity again if it is still available. */
    private boolean reserveAgain(UnitOrder order) {
        List<Issuance> locked = lockIssuances(issuanceIds(projectCodeOf(order)));
        if (locked.stream().mapToLong(Issuance::availableKg).sum() < order.quantityKg()) {
            return false;
        }
        hold(order, locked);
        em.flush();
        order.status = OrderStatus.PENDING_PAYMENT;
        audit.append("system", "RESERVED_AGAIN order=" + order.id() + " kg=" + order.quantityKg());
        return true;
    }

    /** Whether the schemes take back what they held for a renewed order; if one refuses, the units go again. */
    private boolean renewed(UnitOrder order) {
        OrderRenewal renewal = new OrderRenewal(order.id(), order.purpose(), order.reference());
        renewals.fire(renewal);
        if (!renewal.refused()) {
            return true;
        }
        releaseHolds(order);
        order.status = OrderStatus.EXPIRED;
        audit.append("system", "RENEWAL_REFUSED order=" + order.id());
        return false;
    }

    /** Applies a provider's notification once: a replay finds it recorded and changes nothing. */
    public UnitOrder applyNotification(String provider, PaymentProvider.Notification n) {
        boolean seen = em.createNamedQuery("PaymentNotification.find", PaymentNotification.class)
                .setParameter("provider", provider).setParameter("id", n.notificationId())
                .getResultStream().findAny().isPresent();
        if (seen || !n.succeeded()) {
            return orderByPayment(n.paymentId());
        }
        UnitOrder order = confirmPayment(n.paymentId(), n.amountFen(), provider + ":" + n.notificationId(), "payment:" + provider);
        em.persist(new PaymentNotification(provider, n.notificationId(), n.paymentId(), n.amountFen(), clock.now()));
        em.flush();
        return order;
    }

    /** Cancels an unpaid order of its owner and releases its holds. */
    public UnitOrder cancel(long orderId, String actor) {
        UnitOrder order = em.find(UnitOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw BusinessException.notFound("No order " + orderId + ".");
        }
        if (order.status != OrderStatus.PENDING_PAYMENT) {
            throw BusinessException.conflict("order-not-pending", "Only an unpaid order can be cancelled; this one is " + order.status + ".");
        }
        releaseHolds(order);
        order.status = OrderStatus.CANCELLED;
        audit.append(actor, "CANCELLED order=" + order.id());
        released.fire(new OrderReleased(order.id(), order.purpose(), order.reference(), order.status));
        return order;
    }

    // ---------------------------------------------------------------- expiry

    /** Orders whose hold has run out and are still unpaid. */
    public List<Long> expiredOrderIds(int max) {
        return em.createNamedQuery("UnitOrder.expiredIds", Long.class).setParameter("now", clock.now())
                .setMaxResults(max).getResultList();
    }

    /**
     * Releases one expired order's holds. Safe when several nodes run the expiry job at once: the order row is
     * locked and its status checked again under the lock, so only one of them releases.
     */
    public boolean expire(long orderId) {
        UnitOrder order = em.find(UnitOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null || order.status != OrderStatus.PENDING_PAYMENT || clock.now().isBefore(order.expiresAt)) {
            return false;
        }
        expireLocked(order, "system");
        return true;
    }

    private void expireLocked(UnitOrder order, String actor) {
        releaseHolds(order);
        order.status = OrderStatus.EXPIRED;
        audit.append(actor, "EXPIRED order=" + order.id() + " kg=" + order.quantityKg());
        released.fire(new OrderReleased(order.id(), order.purpose(), order.reference(), order.status));
    }

    private void releaseHolds(UnitOrder order) {
        List<OrderHold> holds = holdsOf(order);
        lockIssuances(holds.stream().map(h -> h.issuanceId).toList());
        for (OrderHold hold : holds) {
            em.find(Issuance.class, hold.issuanceId).release(hold.quantityKg);
            em.remove(hold);
        }
    }

    // ---------------------------------------------------------------- helpers

    private List<OrderHold> holdsOf(UnitOrder order) {
        return em.createNamedQuery("OrderHold.ofOrder", OrderHold.class).setParameter("order", order.id()).getResultList();
    }

    private SinkProject requireActiveProject(String code) {
        SinkProject project = findProject(code);
        if (project == null) {
            throw BusinessException.notFound("No sink project has the code " + code + ".");
        }
        if (!"ACTIVE".equals(project.status())) {
            throw BusinessException.unprocessable("project-not-active", "The project " + code + " is " + project.status() + ".");
        }
        return project;
    }

    /**
     * The issuances units may be taken from: those of a project, or those with available units of every active
     * project. Only ids: an issuance entity loaded before {@link #lockIssuances} would stay in the persistence
     * context with the figures it had before the lock, and the lock query would hand back that stale instance.
     */
    /**
     * The issuances, oldest vintage first, whose available units (read without a lock) cover {@code kg}: an order
     * for any project locks only those, not every project's rows, so it does not queue behind unrelated sales.
     */
    private List<Long> oldestCovering(long kg) {
        List<Long> ids = new ArrayList<>();
        long sum = 0;
        for (Object[] row : em.createNamedQuery("Issuance.availableOldestFirst", Object[].class).getResultList()) {
            ids.add((Long) row[0]);
            sum += (Long) row[1];
            if (sum >= kg) {
                break;
            }
        }
        return ids;
    }

    private List<Long> issuanceIds(String projectCode) {
        return projectCode != null
                ? em.createNamedQuery("Issuance.idsOfProject", Long.class).setParameter("code", projectCode).getResultList()
                : em.createNamedQuery("Issuance.idsWithUnitsOfActiveProjects", Long.class).getResultList();
    }

    /**
     * Locks issuance rows ({@code SELECT ... FOR UPDATE}) in ascending id order, the one lock order of the whole
     * ledger, and returns them as read under the lock (callers must not have loaded them before in the transaction).
     */
    private List<Issuance> lockIssuances(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select i from Issuance i where i.id in :ids order by i.id", Issuance.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /**
     * How many kilograms to take from each locked issuance for {@code kg}: oldest vintage first (the caller has
     * checked that they hold enough).
     */
    private static Map<Issuance, Long> share(List<Issuance> locked, long kg) {
        Map<Issuance, Long> shares = new LinkedHashMap<>();
        long needed = kg;
        for (Issuance issuance : locked.stream()
                .sorted(Comparator.comparingInt(Issuance::vintage).thenComparing(Issuance::id)).toList()) {
            long take = Math.min(needed, issuance.availableKg());
            if (take > 0) {
                shares.put(issuance, take);
                needed -= take;
            }
            if (needed == 0) {
                break;
            }
        }
        return shares;
    }

    /** Holds the order's quantity on the locked issuances; returns the kilograms held on each. */
    private Map<Issuance, Long> hold(UnitOrder order, List<Issuance> locked) {
        Map<Issuance, Long> holds = share(locked, order.quantityKg());
        holds.forEach((issuance, take) -> {
            issuance.reserve(take);
            em.persist(new OrderHold(order.id(), issuance.id(), take));
        });
        return holds;
    }

    /** Takes the lowest free serial numbers of the (locked) issuance, splitting a free range if needed. */
    private List<RetiredRange> takeSerials(Retirement retirement, Issuance issuance, long kg) {
        List<FreeSerialRange> free = em.createNamedQuery("FreeSerialRange.ofIssuance", FreeSerialRange.class)
                .setParameter("issuance", issuance.id()).getResultList();
        SerialRange.Allocation allocation = SerialRange.allocate(free.stream().map(FreeSerialRange::range).toList(), kg);
        free.forEach(em::remove);
        em.flush();
        allocation.left().forEach(range -> em.persist(new FreeSerialRange(issuance.id(), range)));
        List<RetiredRange> taken = new ArrayList<>();
        for (SerialRange range : allocation.taken()) {
            RetiredRange retiredRange = new RetiredRange(retirement.id(), issuance, range);
            em.persist(retiredRange);
            taken.add(retiredRange);
        }
        return taken;
    }

    private Receipt finishRetirement(Retirement retirement, List<RetiredRange> ranges, String actor) {
        List<String> blocks = ranges.stream().map(RetiredRange::block).toList();
        audit.append(actor, "RETIRED retirement=" + retirement.id() + " kg=" + retirement.quantityKg()
                + " purpose=" + retirement.purpose() + " ranges=" + String.join(",", blocks));
        retired.fire(new UnitsRetired(retirement.id(), retirement.purpose(), retirement.reference(),
                retirement.beneficiary(), retirement.quantityKg(), blocks));
        return receipt(retirement, ranges);
    }

    static Receipt receipt(Retirement r, List<RetiredRange> ranges) {
        List<Map<String, String>> serials = ranges.stream()
                .map(range -> Map.of("first", range.first(), "last", range.last())).collect(Collectors.toList());
        return new Receipt(r.id(), r.quantityKg(), serials, r.beneficiary(), r.purpose().name(), r.retiredAt());
    }

    private static BusinessException insufficient(long wanted, long available) {
        return BusinessException.conflict("insufficient-units",
                "Not enough units: " + wanted + " kg asked, " + available + " kg available.");
    }

    static Duration reservationTime() {
        return Duration.ofMinutes(Long.parseLong(Settings.get("carbonsink.reservation-minutes", "15")));
    }
}
