package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Appends to and verifies the hash-chained audit ledger. */
@Stateless
public class AuditLedger {

    private static final int PAGE = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    LedgerLocks locks;

    /** Appends within the caller's transaction; the lock on the chain head makes appends strictly sequential. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void append(String actor, String payload) {
        LedgerHead head = locks.head();
        long seq = head.lastSeq + 1;
        // Microseconds: what both databases store, so the hash can be recomputed from the stored time.
        Instant at = clock.now().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditChain.hash(head.lastHash, seq, at, actor, payload);
        em.persist(new AuditEntry(seq, at, actor, payload, head.lastHash, hash));
        head.lastSeq = seq;
        head.lastHash = hash;
    }

    /**
     * Takes the chain's head now, for a transaction that will lock rows coming after the head in the ledger's lock
     * order ({@link LedgerLocks}) before it appends: an operator's change to visit slots, say.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void lockHead() {
        locks.head();
    }

    /** Outcome of recomputing the chain. */
    public record Verification(boolean ok, long entries, Long firstBadSeq) {
    }

    /** Recomputes every hash from the first entry on; the first entry that does not match is reported. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Verification verify() {
        String prev = AuditChain.GENESIS;
        long expectedSeq = 1;
        long count = 0;
        while (true) {
            List<AuditEntry> page = em.createNamedQuery("AuditEntry.page", AuditEntry.class)
                    .setParameter("after", expectedSeq - 1).setMaxResults(PAGE).getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry e : page) {
                boolean ok = e.seq == expectedSeq && e.prevHash.equals(prev)
                        && e.hash.equals(AuditChain.hash(e.prevHash, e.seq, e.at, e.actor, e.payload));
                if (!ok) {
                    return new Verification(false, count, expectedSeq);
                }
                prev = e.hash;
                expectedSeq++;
                count++;
            }
            em.clear();
        }
        LedgerHead head = em.find(LedgerHead.class, LedgerHead.ID);
        if (head.lastSeq != count || !head.lastHash.equals(prev)) {
            return new Verification(false, count, count + 1);
        }
        return new Verification(true, count, null);
    }
}
