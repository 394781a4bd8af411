package cn.yaan.carbonsink.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceUnitUtil;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one way rows are locked ({@code SELECT ... FOR UPDATE}): every method hands back the entity with its state
 * <em>as read under the lock</em>.
 *
 * <p>Why this class exists: when a transaction has read an entity before locking it, JPA's {@code find} with a lock
 * mode, {@code lock()} and a locking query all lock the row but keep the state loaded earlier, so a decision taken
 * after the lock would be taken on a stale copy. That trap let a cancellation and a payment of the same order both
 * succeed: the payment read the order, waited for the cancellation's lock, then saw the old "unpaid" state and
 * retired units the cancellation had already released. Aggregates with a lifecycle also carry a {@code @Version},
 * so a stale copy that slips past this class can never be written back.
 */
public final class RowLocks {

    private RowLocks() {
    }

    /**
     * Locks the row of a managed entity and reloads its state under the lock. An entity this transaction locked or
     * wrote already is handed back as it is: its row is this transaction's, and its state is its own (changes not
     * yet flushed included, which a reload would throw away).
     */
    public static <T> T fresh(EntityManager em, T entity) {
        if (!OWNED.contains(em.getLockMode(entity))) {
            em.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        }
        return entity;
    }

    /** Lock modes of a row this transaction holds: locked for writing, or written (inserted, updated and flushed). */
    private static final Set<LockModeType> OWNED = EnumSet.of(LockModeType.PESSIMISTIC_WRITE,
            LockModeType.PESSIMISTIC_FORCE_INCREMENT, LockModeType.WRITE, LockModeType.OPTIMISTIC_FORCE_INCREMENT);

    /** Whether this transaction holds the row of the entity with this id (locked it, or wrote it). */
    public static boolean holds(EntityManager em, Class<?> type, Object id) {
        Object known = managed(em, type, id);
        return known != null && OWNED.contains(em.getLockMode(known));
    }

    /** The entity with this id, locked and read under the lock, or null when there is none. */
    public static <T> T byId(EntityManager em, Class<T> type, Object id) {
        T known = managed(em, type, id);
        if (known != null) {
            return fresh(em, known);
        }
        return em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The entities with these ids, locked one after another in ascending id order (the order every caller must use,
     * so that two transactions wanting the same rows queue instead of deadlocking), each read under its lock. Ids
     * without a row are left out.
     */
    public static <T> List<T> byIds(EntityManager em, Class<T> type, String idAttribute, Collection<Long> ids) {
        TreeSet<Long> sorted = new TreeSet<>(ids);
        if (sorted.isEmpty()) {
            return List.of();
        }
        if (sorted.stream().noneMatch(id -> managed(em, type, id) != null)) {
            // None of them was read before in this transaction: one locking query reads them all fresh.
            return em.createQuery("select e from " + em.getMetamodel().entity(type).getName() + " e where e."
                            + idAttribute + " in :ids order by e." + idAttribute, type)
                    .setParameter("ids", sorted).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }
        List<T> locked = new ArrayList<>();
        for (Long id : sorted) {
            T entity = byId(em, type, id);
            if (entity != null) {
                locked.add(entity);
            }
        }
        return locked;
    }

    /** The instance this persistence context already holds for the id, without reading the database, or null. */
    private static <T> T managed(EntityManager em, Class<T> type, Object id) {
        PersistenceUnitUtil util = em.getEntityManagerFactory().getPersistenceUnitUtil();
        T reference = em.getReference(type, id);
        // A reference to an entity not read yet is an unloaded proxy; one read before is the managed instance.
        if (util.isLoaded(reference)) {
            return reference;
        }
        em.detach(reference);
        return null;
    }
}
