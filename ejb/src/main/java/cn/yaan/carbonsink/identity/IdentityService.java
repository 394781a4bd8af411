package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.SecurityEvents;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.shared.Sha256;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Accounts, logins and API tokens (身份与访问). */
@Stateless
public class IdentityService {

    /** Characters of an account's display name (a citizen's is the real name, at most 50). */
    public static final int DISPLAY_NAME_MAX = 100;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the username is unknown, so that a miss costs as much time as a wrong password. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-real-password-0");

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    LoginThrottle throttle;

    @Inject
    PersonalData personalData;

    @Inject
    RecentTokens recentTokens;

    @Inject
    RecentAccounts recentAccounts;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Checks a username and password. The check is reserved with the {@link LoginThrottle} before the slow hash, so
     * parallel guesses cannot all slip through: 429 while this account may not be tried from this address yet, and
     * 401 (the same message whether the account exists or not) when the credentials are wrong.
     */
    public Caller authenticate(String username, String password, String address) {
        long wait = throttle.reserve(username, address, clock.now());
        if (wait > 0) {
            SecurityEvents.signInRefused("throttled", pseudonym(username), address);
            throw BusinessException.tooManyRequests(
                    "Too many failed logins for this account from your address. Try again in " + wait + " seconds.",
                    wait);
        }
        Optional<Account> account = findAccount(username);
        boolean ok = PasswordHasher.matches(password == null ? "" : password,
                account.map(Account::passwordHash).orElse(DUMMY_HASH));
        if (!ok || !account.get().enabled()) {
            SecurityEvents.signInRefused(account.isEmpty() ? "no such account" : !ok ? "wrong password" : "disabled",
                    pseudonym(username), address);
            throw BusinessException.unauthenticated("Wrong username or password.");
        }
        throttle.succeeded(username, address);
        return Caller.of(account.get());
    }

    /** The security log's name for an account: a keyed hash, so the username (perhaps a phone number) is not logged. */
    public String pseudonym(String username) {
        return personalData.lookupHash(username == null ? "" : username).substring(0, 12);
    }

    /** A login as an API client sends it. */
    public record Credentials(@NotBlank @Size(max = 64) @Schema(examples = "court") String username,
                              @NotNull @Size(max = 128) String password) {
        /** Never the password, should anything print the request. */
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    /** Logs in and hands out a bearer token; only its hash is kept. */
    public IssuedToken issueToken(@NotNull @Valid Credentials credentials, String address) {
        Caller caller = authenticate(credentials.username(), credentials.password(), address);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.now();
        Instant expiresAt = now.plus(tokenLifetime());
        em.persist(new ApiToken(Sha256.hex(token), findAccount(credentials.username()).orElseThrow(), now, expiresAt));
        return new IssuedToken(token, expiresAt, caller);
    }

    /**
     * The caller a token stands for, if it is known, unexpired, unrevoked and its account enabled. Answered from
     * {@link RecentTokens} when the token was resolved in the last seconds, without a transaction.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Caller> resolveToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.now();
        return recentTokens.get(Sha256.hex(token), now, hash -> em.createNamedQuery("ApiToken.findByHash", ApiToken.class)
                .setParameter("hash", hash)
                .setHint("jakarta.persistence.fetchgraph", em.getEntityGraph(ApiToken.WITH_CALLER))
                .getResultStream()
                .filter(t -> t.activeAt(now))
                .findFirst()
                .map(t -> new RecentTokens.Grant(Caller.of(t.account()), t.expiresAt())));
    }

    /** Revokes a token; revoking an unknown or already revoked token changes nothing. */
    public void revokeToken(String token) {
        Instant now = clock.now();
        String hash = Sha256.hex(token == null ? "" : token);
        forgetCached(hash);
        em.createNamedQuery("ApiToken.findByHash", ApiToken.class)
                .setParameter("hash", hash)
                .getResultStream()
                .forEach(t -> t.revoke(now));
    }

    /**
     * Revokes every token of the account but the one sent with the request ({@code keepToken}, null for none): what
     * a password change or reset does, so that whoever knew the old password loses the API access it gave them.
     */
    public void revokeTokensOf(Account account, String keepToken) {
        Instant now = clock.now();
        String kept = keepToken == null ? null : Sha256.hex(keepToken);
        em.createNamedQuery("ApiToken.unrevokedOf", ApiToken.class).setParameter("account", account)
                .getResultStream().filter(t -> !t.tokenHash().equals(kept)).forEach(t -> {
                    forgetCached(t.tokenHash());
                    t.revoke(now);
                });
    }

    /** The moment a browser session starts, by the application's clock, to compare with {@link #sessionValid}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Instant sessionStart() {
        return clock.now();
    }

    /**
     * Whether a browser session of the account, signed in at {@code since}, may go on: the account exists, is enabled,
     * and no administrator changed its access since. Answered from {@link RecentAccounts} without a transaction.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean sessionValid(String username, Instant since) {
        RecentAccounts.State state = recentAccounts.get(username, name -> findAccount(name)
                .map(a -> new RecentAccounts.State(a.enabled(), a.accessChangedAt()))
                .orElse(new RecentAccounts.State(false, null)));
        return state.enabled() && (state.accessChangedAt() == null || since != null && since.isAfter(state.accessChangedAt()));
    }

    /** Ends the account's browser sessions: its state is read again now and once the change is committed. */
    public void forgetSessionsOf(String username) {
        recentAccounts.forget(username);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                recentAccounts.forget(username);
            }
        });
    }

    /** Forgets a token's cached resolution now and again once committed (a request may cache it afresh meanwhile). */
    private void forgetCached(String hash) {
        recentTokens.forget(hash);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                recentTokens.forget(hash);
            }
        });
    }

    /**
     * Locks an account's row for the rest of the transaction, so that checks of what the account holds (its unpaid
     * orders) and the change that follows are made by one transaction at a time. The first lock of the ledger's
     * lock order (see {@code ledger.LedgerLocks}). 404 when there is no such account.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void lockAccount(String username) {
        Account account = findAccount(username)
                .orElseThrow(() -> BusinessException.notFound("No account " + username + "."));
        RowLocks.fresh(em, account);
    }

    public boolean usernameTaken(String username) {
        return findAccount(username).isPresent();
    }

    public Optional<Caller> caller(String username) {
        return findAccount(username).filter(Account::enabled).map(Caller::of);
    }

    /** An account as an administrator asks for it. */
    public record NewAccount(@NotBlank @Size(max = 64) String username,
                             @NotNull @Size(max = 128) String password,
                             @Schema(maxLength = DISPLAY_NAME_MAX) String displayName,
                             @NotEmpty @Size(max = 5) List<@NotNull Role> roles,
                             @Size(max = 64) String organisation) {
        /** Never the password, should anything print the request. */
        @Override
        public String toString() {
            return "NewAccount[username=" + username + ", roles=" + roles + ", organisation=" + organisation + "]";
        }
    }

    /** Creates the account an administrator asked for: checked as a command, then as below. */
    public Caller createAccount(@NotNull @Valid NewAccount a) {
        return createAccount(a.username(), a.password(), a.displayName(), EnumSet.copyOf(a.roles()), a.organisation());
    }

    /** Creates an account; the username must be free and the password must meet {@link PasswordPolicy}. */
    public Caller createAccount(String username, String password, String displayName, Set<Role> roles,
                                String organisationCode) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw BusinessException.invalid("username",
                    "The username must be 3 to 64 letters, digits, dots, dashes or underscores.");
        }
        PasswordPolicy.problem(password, username).ifPresent(p -> {
            throw BusinessException.invalid("password", p);
        });
        if (roles == null || roles.isEmpty()) {
            throw BusinessException.invalid("roles", "An account needs at least one role.");
        }
        if (findAccount(username).isPresent()) {
            throw BusinessException.conflict("username-taken", "The username '" + username + "' is already taken.");
        }
        Organisation organisation = null;
        if (organisationCode != null) {
            organisation = em.createNamedQuery("Organisation.findByCode", Organisation.class)
                    .setParameter("code", organisationCode)
                    .getResultStream().findFirst()
                    .orElseThrow(() -> BusinessException.invalid("organisation",
                            "No organisation has the code '" + organisationCode + "'."));
        }
        requireMatchingOrganisation(roles, organisation);
        String name = FreeText.optional("displayName", displayName, DISPLAY_NAME_MAX);
        Account account = new Account(username, PasswordHasher.hash(password), name == null ? username : name, roles,
                organisation, clock.now());
        em.persist(account);
        em.flush();
        return Caller.of(account);
    }

    /** Court accounts belong to a court and gate accounts to a scenic site: that is what scopes what they see. */
    static void requireMatchingOrganisation(Set<Role> roles, Organisation organisation) {
        OrganisationKind kind = organisation == null ? null : organisation.kind();
        if (roles.contains(Role.COURT) && kind != OrganisationKind.COURT) {
            throw BusinessException.unprocessable("organisation-mismatch",
                    "A COURT account must belong to a court; give the code of a court as organisation.");
        }
        if ((roles.contains(Role.SITE_OPERATOR) || roles.contains(Role.SITE_MANAGER)) && kind != OrganisationKind.SCENIC_SITE) {
            throw BusinessException.unprocessable("organisation-mismatch",
                    "A SITE_OPERATOR or SITE_MANAGER account must belong to a scenic site; give the code of a site as organisation.");
        }
        if ((roles.contains(Role.ORG_ADMIN) || roles.contains(Role.ORG_BUYER)) && (kind == null || !kind.registersItself())) {
            throw BusinessException.unprocessable("organisation-mismatch",
                    "An ORG_ADMIN or ORG_BUYER account must belong to an enterprise or public body; give its credit code as organisation.");
        }
    }

    public Organisation createOrganisation(String code, OrganisationKind kind, String nameZh, String nameEn) {
        Organisation organisation = new Organisation(code, kind, nameZh, nameEn);
        em.persist(organisation);
        return organisation;
    }

    /** The Chinese name of an organisation (a court, a site, the bureau), as certificates show it. */
    public Optional<String> organisationName(String code) {
        return organisation(code).map(Organisation::nameZh);
    }

    /** An organisation (a court, a site, the bureau) with its names in both languages. */
    public Optional<Organisation> organisation(String code) {
        return em.createNamedQuery("Organisation.findByCode", Organisation.class).setParameter("code", code)
                .getResultStream().findFirst();
    }

    public boolean organisationExists(String code) {
        return em.createNamedQuery("Organisation.findByCode", Organisation.class)
                .setParameter("code", code).getResultStream().findAny().isPresent();
    }

    public long countAccountsWithRole(Role role) {
        return em.createNamedQuery("Account.countWithRole", Long.class).setParameter("role", role).getSingleResult();
    }

    /** The account of this username, enabled or not (for the identity context's own services). */
    public Optional<Account> findAccount(String username) {
        if (username == null || username.isBlank() || username.length() > 64) {
            return Optional.empty();
        }
        return em.createNamedQuery("Account.findByUsername", Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    private static Duration tokenLifetime() {
        return Duration.parse(Settings.get("carbonsink.token-lifetime", "PT8H"));
    }

    /** A freshly issued bearer token: the only moment the token itself is known to the server. */
    public record IssuedToken(String token, Instant expiresAt, Caller caller) {
    }
}
