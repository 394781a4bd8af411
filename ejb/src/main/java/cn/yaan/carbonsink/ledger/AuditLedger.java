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

/** Appends to and verifies the hash-chained audit ledger, with signed checkpoints ({@link AuditCheckpoint}). */
@Stateless
public class AuditLedger {

    private static final int PAGE = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    LedgerLocks locks;

    @Inject
    CheckpointSigner signer;

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

    /**
     * Outcome of recomputing the chain: {@code entries} recomputed, from the one after {@code fromSeq} (0: the first
     * entry; else the signed checkpoint it started at); {@code firstBadSeq} the first entry that does not match.
     */
    public record Verification(boolean ok, long entries, Long firstBadSeq, long fromSeq) {
    }

    /**
     * Recomputes the chain, from the first entry on ({@code full}) or from the newest signed checkpoint, whose
     * signature and hash are checked first; a sound chain gets a new checkpoint at its head.
     * <p>
     * What a start at a checkpoint still finds before it: a rewrite of an earlier entry that recomputes the hashes
     * after it (the entry at the checkpoint no longer has the signed hash), and a removed or added entry (likewise).
     * An entry edited without recomputing the hashes after it is found by a full verification only, which the daily
     * self-check runs.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Verification verify(boolean full) {
        // The head first: every entry up to it was committed with it, so appends made meanwhile are not in the way.
        LedgerHead head = em.find(LedgerHead.class, LedgerHead.ID);
        long headSeq = head.lastSeq;
        String headHash = head.lastHash;
        AuditCheckpoint newest = em.createNamedQuery("AuditCheckpoint.newest", AuditCheckpoint.class).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        long from = 0;
        String prev = AuditChain.GENESIS;
        if (newest != null) {
            // Checked in a full verification too: a chain rewritten from the first entry on, every hash recomputed,
            // is sound in itself and found only here.
            AuditEntry at = em.find(AuditEntry.class, newest.seq);
            if (!signer.verify(newest.keyId, newest.text(), newest.signature) || at == null
                    || !at.hash.equals(newest.hash)) {
                return new Verification(false, 0, newest.seq, full ? 0 : newest.seq);
            }
            if (!full) {
                from = newest.seq;
                prev = newest.hash;
            }
        }
        long expectedSeq = from + 1;
        long count = 0;
        while (expectedSeq <= headSeq) {
            List<AuditEntry> page = em.createNamedQuery("AuditEntry.page", AuditEntry.class)
                    .setParameter("after", expectedSeq - 1).setMaxResults(PAGE).getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry e : page) {
                if (e.seq > headSeq) {
                    break;
                }
                boolean ok = e.seq == expectedSeq && e.prevHash.equals(prev)
                        && e.hash.equals(AuditChain.hash(e.prevHash, e.seq, e.at, e.actor, e.payload));
                if (!ok) {
                    return new Verification(false, count, expectedSeq, from);
                }
                prev = e.hash;
                expectedSeq++;
                count++;
            }
            em.clear();
        }
        if (expectedSeq - 1 != headSeq || !headHash.equals(prev)) {
            return new Verification(false, count, expectedSeq, from);
        }
        if (headSeq > 0 && (newest == null || newest.seq < headSeq) && em.find(AuditCheckpoint.class, headSeq) == null) {
            AuditCheckpoint checkpoint = new AuditCheckpoint(headSeq, headHash, clock.now().truncatedTo(ChronoUnit.MICROS));
            checkpoint.signed(signer.sign(checkpoint.text()));
            em.persist(checkpoint);
        }
        return new Verification(true, count, null, from);
    }
}
