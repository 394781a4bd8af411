package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.UniqueViolations;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The records behind {@link Idempotency}, each step in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotencyStore {

    /** How long a key is remembered: retries come within seconds or minutes of a lost answer. */
    static final Duration RETENTION = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    /** The key was claimed by a request that committed while this one waited for it. */
    @ApplicationException(rollback = true)
    public static class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    /** The result reference of an earlier request with this key; 422 when that request was a different one. */
    public Optional<String> earlier(String key, String requestHash) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, key);
        if (record == null) {
            return Optional.empty();
        }
        if (!record.requestHash().equals(requestHash)) {
            throw BusinessException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        }
        return Optional.ofNullable(record.resultRef());
    }

    /**
     * Claims the key (a request holding it uncommitted makes this wait on the key's primary key), then does the work
     * in the same transaction and records what it produced.
     */
    public <T> T claimAndRun(String key, String requestHash, Supplier<T> work, Function<T, String> ref) {
        IdempotencyRecord record = new IdempotencyRecord(key, requestHash, clock.now());
        try {
            em.persist(record);
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolations.is(e)) {
                throw e;
            }
            throw new KeyTaken();
        }
        T result = work.get();
        record.done(ref.apply(result));
        return result;
    }

    public <T> T run(Supplier<T> work) {
        return work.get();
    }

    /** Forgets keys older than {@link #RETENTION}; run by the nightly {@link Housekeeping}. */
    public int purge() {
        return em.createQuery("delete from IdempotencyRecord r where r.createdAt < :before")
                .setParameter("before", clock.now().minus(RETENTION)).executeUpdate();
    }
}
