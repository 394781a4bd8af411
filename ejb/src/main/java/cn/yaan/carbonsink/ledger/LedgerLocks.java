package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.RowLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;

/**
 * The ledger's row locks and the one order in which every transaction takes them, so that transactions that want
 * the same rows queue instead of deadlocking, on one node or many:
 * <ol>
 *   <li>the buyer's account, when an order is placed under the pending-order limits
 *       ({@code IdentityService.lockAccount}); before any row that refers to the account is inserted, since on
 *       PostgreSQL such an insert takes a key-share lock on the account row, and two transactions holding it would
 *       each wait for the other when they lock the account;</li>
 *   <li>the order ({@link #order}, {@link #orderByPayment});</li>
 *   <li>issuances, in ascending id order ({@link #issuances});</li>
 *   <li>the audit chain's head ({@link #head}, taken by every {@link AuditLedger#append});</li>
 *   <li>the schemes' own rows, which they lock when the ledger tells them about a change of an order
 *       ({@link UnitsRetired}, {@link OrderReleased}, {@link OrderRenewal}): a booking, then its slot; a restoration
 *       order; a citizen's profile.</li>
 * </ol>
 * A scheme that starts from its own row (a court's purchase, a citizen's cancellation) reads that row without a lock,
 * calls the ledger, and locks its row afterwards, checking again what it read. Every lock hands back the state as
 * read under the lock ({@link RowLocks}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LedgerLocks {

    @PersistenceContext
    EntityManager em;

    /** The order, locked; null when there is none. */
    public UnitOrder order(long id) {
        return RowLocks.byId(em, UnitOrder.class, id);
    }

    /** The order a payment id belongs to, locked; null when there is none. */
    public UnitOrder orderByPayment(String paymentId) {
        Long id = em.createNamedQuery("UnitOrder.idByPaymentId", Long.class).setParameter("paymentId", paymentId)
                .getResultStream().findFirst().orElse(null);
        return id == null ? null : order(id);
    }

    /**
     * The issuances, locked in ascending id order. Refused when the transaction holds the audit chain's head, which
     * comes after them, and not all of these issuances already: a payment that appended to the chain before locking its issuances deadlocked with
     * retirements that lock the same issuance and then append. Failing here every time, rather than deadlocking now
     * and then under load, is what keeps the order written above true.
     */
    public List<Issuance> issuances(Collection<Long> ids) {
        if (RowLocks.holds(em, LedgerHead.class, LedgerHead.ID)
                && !ids.stream().allMatch(id -> RowLocks.holds(em, Issuance.class, id))) {
            throw new IllegalStateException("Lock order: issuances must be locked before the audit chain's head");
        }
        return RowLocks.byIds(em, Issuance.class, "id", ids);
    }

    /** The head of the audit chain, locked. */
    LedgerHead head() {
        return RowLocks.byId(em, LedgerHead.class, LedgerHead.ID);
    }
}
