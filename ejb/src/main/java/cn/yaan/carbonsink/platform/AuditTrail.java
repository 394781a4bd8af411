package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * The administration's audit trail: every change to organisations, to accounts (created, roles, disabled, enabled,
 * password reset) and to scenic sites (created, details, slots, capacities, closures) with its actor and time,
 * recorded in the transaction that makes the change, so a change and its record commit or roll back together.
 * Accounts are named by username, sites as {@code site:<code>}, organisations as {@code org:<code>}, reference data
 * as {@code species:<name>} and {@code factor:<code>} (new versions); no personal
 * data.
 */
@Stateless
public class AuditTrail {

    public static final int PAGE = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    /** Records a change; only inside the transaction of the change itself. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String actor, String action, String subject, String detail) {
        em.persist(new AuditRecord(clock.now(), actor, action, subject,
                detail.length() > 1000 ? detail.substring(0, 1000) : detail));
    }

    /** The latest records, newest first; only those whose actor or subject is {@code who} when it is given. */
    public List<AuditRecord> recent(String who) {
        boolean all = who == null || who.isBlank();
        var query = em.createQuery("select r from AuditRecord r" + (all ? "" : " where r.actor = :who or r.subject = :who")
                + " order by r.at desc, r.id desc", AuditRecord.class).setMaxResults(PAGE);
        return (all ? query : query.setParameter("who", who.trim())).getResultList();
    }
}
