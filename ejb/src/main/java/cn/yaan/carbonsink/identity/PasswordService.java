package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.SecurityEvents;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.security.SecureRandom;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Passwords after registration: a signed-in user changes theirs (改密码), and someone who forgot theirs resets it
 * with a code sent to the account's registered mobile (忘记密码). Both follow {@link PasswordPolicy}; wrong current
 * passwords and wrong codes are throttled like logins ({@link LoginThrottle}) and recorded in the security log
 * without personal data. A change or reset revokes the account's other API tokens.
 */
@Stateless
public class PasswordService {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** At most one code a minute and {@value #CODES_PER_HOUR} an hour per account, whoever asks. */
    static final Duration CODE_INTERVAL = Duration.ofMinutes(1);
    static final int CODES_PER_HOUR = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    IdentityService identity;

    @Inject
    LoginThrottle throttle;

    @Inject
    PersonalData personalData;

    @Inject
    ResetCodes codes;

    @Inject
    @Any
    Instance<SmsSender> senders;

    /** A change of one's own password. */
    @Schema(name = "PasswordChange")
    public record Change(@NotNull @Size(max = 128) String currentPassword, @NotNull @Size(max = 128) String newPassword) {
        /** Never the passwords, should anything print the request. */
        @Override
        public String toString() {
            return "Change[]";
        }
    }

    /** Who forgot their password: a username, or the mobile number of a citizen's account. */
    @Schema(name = "PasswordResetCodeRequest")
    public record CodeRequest(@NotNull @Size(max = 64) String account) {
        @Override
        public String toString() {
            return "CodeRequest[]";
        }
    }

    /** A reset: the account as given for the code, the code received and the new password. */
    @Schema(name = "PasswordReset")
    public record Reset(@NotNull @Size(max = 64) String account, @NotNull @Size(max = 20) String code,
                        @NotNull @Size(max = 128) String newPassword) {
        @Override
        public String toString() {
            return "Reset[]";
        }
    }

    /**
     * Changes the caller's password: 400 when the new one breaks {@link PasswordPolicy} or the current one is wrong,
     * 429 while the account may not be tried from this address. Every API token of the account but
     * {@code keepToken} (the one of this request, if any) stops working.
     */
    public void change(String username, @NotNull @Valid Change c, String address, String keepToken) {
        PasswordPolicy.problem(c.newPassword(), username).ifPresent(p -> {
            throw BusinessException.invalid("newPassword", p);
        });
        reserve(username, address, "wrong passwords");
        Account account = identity.findAccount(username).orElseThrow();
        if (!PasswordHasher.matches(c.currentPassword(), account.passwordHash())) {
            SecurityEvents.passwordRefused("wrong current password", identity.pseudonym(username), address);
            throw BusinessException.invalid("currentPassword", "The current password is wrong.");
        }
        throttle.succeeded(username, address);
        if (c.newPassword().equals(c.currentPassword())) {
            throw BusinessException.invalid("newPassword", "The new password must differ from the current one.");
        }
        RowLocks.fresh(em, account).changePasswordHash(PasswordHasher.hash(c.newPassword()));
        identity.revokeTokensOf(account, keepToken);
    }

    /** Whether a reset code can be sent: some {@link SmsSender} is available (never in production without one). */
    public boolean resetAvailable() {
        return sender().isPresent();
    }

    private Optional<SmsSender> sender() {
        return senders.stream().filter(SmsSender::available).findFirst();
    }

    /**
     * Sends a 6-digit code to the registered mobile of the account named by a username or mobile number. The answer
     * is the same whether such an account exists, has a mobile, or asked too often already (then nothing is sent):
     * it never tells who is registered. 422 {@code password-reset-unavailable} when this server cannot send text
     * messages.
     */
    public void requestCode(@NotNull @Valid CodeRequest r, Locale locale) {
        SmsSender sender = sender().orElseThrow(PasswordService::unavailable);
        Optional<CitizenProfile> profile = citizenOf(r.account().strip());
        if (profile.isEmpty()) {
            return;
        }
        // The account's row serialises its code requests, so that parallel ones cannot pass the limits together.
        identity.lockAccount(profile.get().username());
        Account account = identity.findAccount(profile.get().username()).orElseThrow();
        Instant now = clock.now();
        List<PasswordReset> latest = em.createNamedQuery("PasswordReset.latestOf", PasswordReset.class)
                .setParameter("account", account.id()).setMaxResults(1).getResultList();
        long lastHour = em.createNamedQuery("PasswordReset.countSince", Long.class).setParameter("account", account.id())
                .setParameter("since", now.minus(Duration.ofHours(1))).getSingleResult();
        if (!latest.isEmpty() && latest.get(0).createdAt().plus(CODE_INTERVAL).isAfter(now)
                || lastHour >= CODES_PER_HOUR) {
            SecurityEvents.passwordRefused("reset codes: account's limit", identity.pseudonym(account.username()), "-");
            return;
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        em.persist(new PasswordReset(account.id(), codes.hash(account.id(), code), now, now.plus(CODE_LIFETIME)));
        // Without falling back to the JVM's default locale: Chinese is the bundle without a suffix.
        ResourceBundle texts = ResourceBundle.getBundle("i18n.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
        String text = MessageFormat.format(texts.getString("sms.resetCode"), code, CODE_LIFETIME.toMinutes());
        sender.send(personalData.reveal(profile.get().phoneProtected()), text);
    }

    /**
     * Sets a new password with the code sent by {@link #requestCode}: 400 {@code code} when the code is wrong, used,
     * replaced by a newer one or expired (the same answer for an unknown account), 400 {@code newPassword} when the
     * new one breaks {@link PasswordPolicy}, 429 while the account may not be tried from this address. The code's
     * tries are counted in a transaction of their own ({@link ResetCodes}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void reset(@NotNull @Valid Reset r, String address) {
        if (!resetAvailable()) {
            throw unavailable();
        }
        String given = r.account().strip();
        PasswordPolicy.problem(r.newPassword(), given).ifPresent(p -> {
            throw BusinessException.invalid("newPassword", p);
        });
        reserve(given, address, "wrong codes");
        Optional<Account> account = citizenOf(given).flatMap(p -> identity.findAccount(p.username()));
        if (account.isEmpty() || !codes.redeem(account.get(), r.code().strip(), r.newPassword())) {
            SecurityEvents.passwordRefused("reset: wrong or expired code", identity.pseudonym(given), address);
            throw BusinessException.invalid("code", "The code is wrong or no longer valid (a code works once, for "
                    + CODE_LIFETIME.toMinutes() + " minutes, and only the latest one). Check it, or ask for a new code.");
        }
        throttle.succeeded(given, address);
    }

    /** Reserves one check with the {@link LoginThrottle}: 429 while this account may not be tried from here. */
    private void reserve(String account, String address, String what) {
        long wait = throttle.reserve(account, address, clock.now());
        if (wait > 0) {
            SecurityEvents.passwordRefused("throttled", identity.pseudonym(account), address);
            throw BusinessException.tooManyRequests("Too many " + what + " for this account from your address. "
                    + "Try again in " + wait + " seconds.", wait);
        }
    }

    /** The citizen a username names, else the only citizen registered with this mobile number. */
    private Optional<CitizenProfile> citizenOf(String given) {
        Optional<CitizenProfile> byName = em.createNamedQuery("CitizenProfile.byUsername", CitizenProfile.class)
                .setParameter("username", given).getResultStream().findFirst();
        if (byName.isPresent() || !CitizenService.PHONE.matcher(given).matches()) {
            return byName;
        }
        List<CitizenProfile> byPhone = em.createNamedQuery("CitizenProfile.byPhoneHash", CitizenProfile.class)
                .setParameter("hash", personalData.lookupHash(given)).setMaxResults(2).getResultList();
        return byPhone.size() == 1 ? Optional.of(byPhone.get(0)) : Optional.empty();
    }

    private static BusinessException unavailable() {
        return BusinessException.unprocessable("password-reset-unavailable", "This server cannot send text messages, "
                + "so a forgotten password cannot be reset here; ask the platform's administrator to reset it.");
    }
}
