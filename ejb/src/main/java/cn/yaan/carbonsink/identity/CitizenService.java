package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.SecurityEvents;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.ResidentIds;
import cn.yaan.carbonsink.shared.UniqueViolations;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Citizens' self-registration (公众注册) with their sensitive data protected: the resident ID number checked by
 * GB 11643 and stored sealed with a keyed hash (one registration per number), the mobile number sealed too. Neither
 * is ever logged or repeated in an error message.
 */
@Stateless
public class CitizenService {

    /** Characters of a citizen's real name. */
    static final int NAME_MAX = 50;
    static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    PersonalData personalData;

    @Inject
    IdentityService identity;

    @Inject
    RegistrationThrottle throttle;

    /** Sizes are generous caps against abuse; {@link #register} checks the real rules and reports every field at once. */
    public record Registration(@Size(max = 64) String username, @Schema(maxLength = NAME_MAX) String name,
                               @Size(max = 40) String idNumber, @Size(max = 40) String phone,
                               @Size(max = 200) String password, Boolean consent) {
        /** Never the numbers or the password, should anything print the request. */
        @Override
        public String toString() {
            return "Registration[username=" + username + "]";
        }
    }

    /** What a citizen (and only the citizen) sees of the stored data: masked. */
    public record CitizenView(String username, String name, String idNumberMasked, String phoneMasked) {
    }

    /**
     * Registers a citizen: every invalid field is reported at once (400). A taken username and an ID number that has
     * an account already get one and the same answer (409 {@code registration-refused}), so that registration does
     * not tell anyone whether a resident ID number is registered; the owner of a registered number is told to log in
     * with their account. Attempts that pass validation are limited per address (429).
     */
    public CitizenView register(@NotNull @Valid Registration r, String address) {
        List<FieldError> errors = new ArrayList<>();
        if (r.username() == null || !USERNAME.matcher(r.username()).matches()) {
            errors.add(new FieldError("username", "The username must be 3 to 64 letters, digits, dots, dashes or underscores."));
        }
        String name = r.name() == null ? "" : r.name();
        if (name.isBlank() || FreeText.problem(name, NAME_MAX).isPresent()) {
            errors.add(new FieldError("name", "Enter your real name as on your ID card (1 to " + NAME_MAX
                    + " characters)" + FreeText.problem(name, NAME_MAX).map(p -> ": it " + p).orElse(".")));
        }
        ResidentIds.ResidentId id = null;
        try {
            id = ResidentIds.parse("idNumber", r.idNumber(), clock.today());
        } catch (BusinessException e) {
            errors.addAll(e.fieldErrors());
        }
        String phone = r.phone() == null ? "" : r.phone().strip();
        if (!PHONE.matcher(phone).matches()) {
            errors.add(new FieldError("phone", "A mainland mobile number has 11 digits and starts with 13 to 19."));
        }
        PasswordPolicy.problem(r.password(), r.username()).ifPresent(p -> errors.add(new FieldError("password", p)));
        if (!Boolean.TRUE.equals(r.consent())) {
            errors.add(new FieldError("consent",
                    "Registration needs your consent to the personal-data notice (consent: true)."));
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(errors);
        }
        long wait = throttle.reserve(address, clock.now());
        if (wait > 0) {
            SecurityEvents.rateLimited("registration", address, wait);
            throw BusinessException.tooManyRequests(
                    "Too many registrations from your address. Try again in " + wait + " seconds.", wait);
        }
        // Both looked up every time, so that neither the answer nor its timing says which one refused.
        boolean usernameTaken = identity.usernameTaken(r.username());
        boolean numberRegistered = em.createNamedQuery("CitizenProfile.byIdHash", CitizenProfile.class)
                .setParameter("hash", personalData.lookupHash(id.number())).getResultStream().findAny().isPresent();
        if (usernameTaken || numberRegistered) {
            throw refused();
        }
        try {
            identity.createAccount(r.username(), r.password(), Masking.name(FreeText.normalise(name)), Set.of(Role.CITIZEN), null);
        } catch (BusinessException e) {
            // Taken by another request since the look-up above.
            throw "username-taken".equals(e.type()) ? refused() : e;
        }
        return attach(r.username(), FreeText.normalise(name), id.number(), phone);
    }

    private static BusinessException refused() {
        return BusinessException.conflict("registration-refused", "This username is taken, or this resident ID "
                + "number has an account already. Choose another username; if you registered before, log in with "
                + "your account.");
    }

    /**
     * Gives an existing account its protected citizen data (registration, and the demo citizen at start-up); the
     * account keeps only the masked name.
     */
    public CitizenView attach(String username, String name, String idNumber, String phone) {
        Account account = em.createNamedQuery("Account.findByUsername", Account.class).setParameter("username", username)
                .getSingleResult();
        account.showAs(Masking.name(name));
        byte[] ref = new byte[16];
        RANDOM.nextBytes(ref);
        CitizenProfile profile = new CitizenProfile(account, personalData.protect(name), personalData.protect(idNumber),
                personalData.lookupHash(idNumber), personalData.protect(phone), personalData.lookupHash(phone),
                Base64.getUrlEncoder().withoutPadding().encodeToString(ref), clock.now());
        try {
            em.persist(profile);
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolations.is(e)) {
                throw e;
            }
            // The same number registered at the same moment by another request: the unique hash said no.
            throw refused();
        }
        return view(profile);
    }

    /**
     * Seals the real names of up to 500 citizens registered before names were sealed (schema version 15): the name
     * moves from the account's display name into the profile, sealed, and the account keeps the masked form. Each
     * row under its lock, so nodes starting together seal it once; a sealed row is never touched again.
     *
     * @return how many were sealed (0: none left)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sealEarlierNames() {
        int sealed = 0;
        for (Long id : em.createQuery("select p.accountId from CitizenProfile p where p.nameSealed is null", Long.class)
                .setMaxResults(500).getResultList()) {
            CitizenProfile profile = lock(id);
            if (profile != null && profile.nameSealed() == null) {
                profile.sealName(personalData.protect(profile.name()), Masking.name(profile.name()));
                sealed++;
            }
        }
        return sealed;
    }

    /**
     * Gives up to 500 citizens registered before phones were hashed (schema version 18) the keyed hash of their
     * mobile number, by which a forgotten password is reset. Each row under its lock, as {@link #sealEarlierNames}.
     *
     * @return how many were hashed (0: none left)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int hashEarlierPhones() {
        int hashed = 0;
        for (Long id : em.createQuery("select p.accountId from CitizenProfile p where p.phoneHash is null", Long.class)
                .setMaxResults(500).getResultList()) {
            CitizenProfile profile = lock(id);
            if (profile != null && profile.phoneHash() == null) {
                profile.hashPhone(personalData.lookupHash(personalData.reveal(profile.phoneProtected())));
                hashed++;
            }
        }
        return hashed;
    }

    public Optional<CitizenProfile> profile(String username) {
        return em.createNamedQuery("CitizenProfile.byUsername", CitizenProfile.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The profile locked for the rest of the transaction: what serialises the records of one citizen. */
    public CitizenProfile lock(long accountId) {
        return RowLocks.byId(em, CitizenProfile.class, accountId);
    }

    public Optional<CitizenProfile> byQrRef(String ref) {
        return em.createNamedQuery("CitizenProfile.byQrRef", CitizenProfile.class).setParameter("ref", ref)
                .getResultStream().findFirst();
    }

    /** What the duty needs to know of a citizen, read from the ID number: birth date and sex. */
    public record Person(LocalDate birthDate, boolean female) {
    }

    /** The birth date and sex the citizen's ID number carries (GB 11643: an even 17th digit is a woman). */
    public Person person(CitizenProfile profile) {
        String number = personalData.reveal(profile.idNumberProtected());
        return new Person(ResidentIds.parse("idNumber", number, LocalDate.MAX).birthDate(),
                (number.charAt(16) - '0') % 2 == 0);
    }

    /** The citizen's own view: the full name, the numbers masked. */
    public CitizenView view(CitizenProfile p) {
        return new CitizenView(p.username(), realName(p), Masking.idNumber(personalData.reveal(p.idNumberProtected())),
                Masking.phone(personalData.reveal(p.phoneProtected())));
    }

    /** The citizen's real name, for the citizen's own eyes only. */
    public String realName(CitizenProfile p) {
        return p.nameSealed() == null ? p.name() : personalData.reveal(p.nameSealed());
    }
}
