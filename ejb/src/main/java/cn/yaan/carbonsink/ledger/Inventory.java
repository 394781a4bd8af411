package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ledger's services share about units on issuances: which issuances an order may take from, how much it
 * takes from each (oldest vintage first), holding, releasing and retiring them with their serial numbers. Every
 * method expects the issuances it changes to be locked ({@link LedgerLocks}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class Inventory {

    @PersistenceContext
    EntityManager em;

    @Inject
    LedgerLocks locks;

    /**
     * The ids of the issuances units may be taken from: those of a project, or those with available units of every
     * active project. Only ids: an issuance must be read under its lock ({@link LedgerLocks#issuances}).
     */
    List<Long> issuanceIds(String projectCode) {
        return projectCode != null
                ? em.createNamedQuery("Issuance.idsOfProject", Long.class).setParameter("code", projectCode).getResultList()
                : em.createNamedQuery("Issuance.idsWithUnitsOfActiveProjects", Long.class).getResultList();
    }

    /**
     * The issuances, oldest vintage first, whose available units (read without a lock) cover {@code kg}: an order
     * for any project locks only those, not every project's rows, so it does not queue behind unrelated sales.
     */
    List<Long> oldestCovering(long kg) {
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

    long availableOfActiveProjects() {
        return ((Number) em.createNamedQuery("Issuance.availableOfActiveProjects").getSingleResult()).longValue();
    }

    /**
     * How many kilograms to take from each locked issuance for {@code kg}: oldest vintage first (the caller has
     * checked that they hold enough).
     */
    static Map<Issuance, Long> share(List<Issuance> locked, long kg) {
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
    Map<Issuance, Long> hold(UnitOrder order, List<Issuance> locked) {
        Map<Issuance, Long> holds = share(locked, order.quantityKg());
        holds.forEach((issuance, take) -> {
            issuance.reserve(take);
            em.persist(new OrderHold(order.id(), issuance.id(), take));
        });
        return holds;
    }

    List<OrderHold> holdsOf(UnitOrder order) {
        return em.createNamedQuery("OrderHold.ofOrder", OrderHold.class).setParameter("order", order.id()).getResultList();
    }

    /** Gives an order's held units back to their issuances (which it locks) and forgets the holds. */
    void releaseHolds(UnitOrder order) {
        List<OrderHold> holds = holdsOf(order);
        Map<Long, Issuance> locked = byId(locks.issuances(holds.stream().map(h -> h.issuanceId).toList()));
        for (OrderHold hold : holds) {
            locked.get(hold.issuanceId).release(hold.quantityKg);
            em.remove(hold);
        }
    }

    /**
     * Retires an order's held units from their issuances (which it locks) with the lowest free serial numbers, and
     * forgets the holds. The held kilograms must add up to the order's quantity: a hold that went missing is a bug
     * that must stop the payment, not a retirement without serial numbers.
     */
    List<RetiredRange> retireHolds(UnitOrder order, Retirement retirement) {
        List<OrderHold> holds = holdsOf(order);
        long held = holds.stream().mapToLong(h -> h.quantityKg).sum();
        if (held != order.quantityKg()) {
            throw new IllegalStateException("Order " + order.id() + " holds " + held + " kg, not its " + order.quantityKg());
        }
        Map<Long, Issuance> locked = byId(locks.issuances(holds.stream().map(h -> h.issuanceId).toList()));
        List<RetiredRange> ranges = new ArrayList<>();
        for (OrderHold hold : holds) {
            Issuance issuance = locked.get(hold.issuanceId);
            issuance.retireReserved(hold.quantityKg);
            ranges.addAll(takeSerials(retirement, issuance, hold.quantityKg));
            em.remove(hold);
        }
        return ranges;
    }

    /** Retires available units of locked issuances at once (a sale settled outside the platform). */
    List<RetiredRange> retireAvailable(List<Issuance> locked, long kg, Retirement retirement) {
        List<RetiredRange> ranges = new ArrayList<>();
        share(locked, kg).forEach((issuance, take) -> {
            issuance.retireAvailable(take);
            ranges.addAll(takeSerials(retirement, issuance, take));
        });
        return ranges;
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

    static BusinessException insufficient(long wanted, long available) {
        return BusinessException.conflict("insufficient-units",
                "Not enough units: " + wanted + " kg asked, " + available + " kg available.");
    }

    private static Map<Long, Issuance> byId(List<Issuance> issuances) {
        Map<Long, Issuance> map = new LinkedHashMap<>();
        issuances.forEach(i -> map.put(i.id(), i));
        return map;
    }
}
