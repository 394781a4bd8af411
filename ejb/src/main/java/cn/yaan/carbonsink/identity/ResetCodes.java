package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Redeems a password-reset code in a transaction of its own, so that a wrong try is counted (and committed) even
 * though the caller then refuses the request. Used only by {@link PasswordService#reset}.
 */
@Stateless
public class ResetCodes {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    PersonalData personalData;

    @Inject
    IdentityService identity;

    /**
     * Sets the new password if {@code code} is the account's latest code and still open: the code is then used up
     * and the account's API tokens revoked. A wrong code counts as one of the code's tries.
     *
     * @return whether the password was set (false: no such account, no open code, or a wrong code)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean redeem(Account account, String code, String newPassword) {
        Optional<PasswordReset> latest = em.createNamedQuery("PasswordReset.latestOf", PasswordReset.class)
                .setParameter("account", account.id()).setMaxResults(1).getResultStream().findFirst();
        if (latest.isEmpty()) {
            return false;
        }
        PasswordReset reset = RowLocks.byId(em, PasswordReset.class, latest.get().id());
        if (!reset.open(clock.now())) {
            return false;
        }
        if (!MessageDigest.isEqual(hash(account.id(), code).getBytes(StandardCharsets.US_ASCII),
                reset.codeHash().getBytes(StandardCharsets.US_ASCII))) {
            reset.failedAttempt();
            return false;
        }
        PasswordPolicy.problem(newPassword, account.username()).ifPresent(p -> {
            throw BusinessException.invalid("newPassword", p);
        });
        reset.used(clock.now());
        Account locked = RowLocks.byId(em, Account.class, account.id());
        locked.changePasswordHash(PasswordHasher.hash(newPassword));
        identity.revokeTokensOf(locked, null);
        return true;
    }

    /** The keyed hash a code is kept as: bound to its account, and of no use without the personal-data key. */
    public String hash(long accountId, String code) {
        return personalData.lookupHash("password-reset:" + accountId + ":" + code);
    }
}
