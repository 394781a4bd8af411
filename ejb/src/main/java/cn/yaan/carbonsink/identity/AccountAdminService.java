package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.platform.AuditTrail;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.RowLocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * What administrators do to accounts: staff accounts of a court, a scenic site or the bureau, their roles, disabling
 * and enabling, a forced password reset; citizens listed by their masked identity only. Every change is recorded in
 * the audit trail ({@link AuditTrail}) in its own transaction. An administrator cannot disable or demote the own
 * account, and the last enabled administrator stays one (422).
 */
@Stateless
public class AccountAdminService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPORARY = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    public static final int CITIZENS_PAGE = 50;

    @PersistenceContext
    EntityManager em;

    @Inject
    IdentityService identity;

    @Inject
    PersonalData personalData;

    @Inject
    AuditTrail trail;

    @Inject
    AppClock clock;

    /** A staff account as the administrator sees it. */
    public record StaffAccount(String username, String displayName, List<Role> roles, String organisation,
                               boolean enabled, Instant createdAt) {
        static StaffAccount of(Account a) {
            return new StaffAccount(a.username(), a.displayName(), a.roles().stream().sorted().toList(),
                    a.organisation() == null ? null : a.organisation().code(), a.enabled(), a.createdAt());
        }
    }

    /** A citizen as the administrator sees one: masked name, ID number and mobile, never in full. */
    public record CitizenRow(String name, String idNumber, String phone, Instant registeredAt, boolean enabled) {
    }

    /** What the accounts page shows: staff accounts, a page of citizens (masked) and the organisations. */
    public record Overview(List<StaffAccount> staff, List<CitizenRow> citizens, List<Organisation> organisations) {
    }

    public Overview overview(int citizensPage) {
        return new Overview(staff(), citizens(citizensPage), organisations());
    }

    /** Every account with a role other than citizen, by username. */
    public List<StaffAccount> staff() {
        return em.createQuery("select distinct a from Account a join a.roles r where r <> :citizen", Account.class)
                .setParameter("citizen", Role.CITIZEN).getResultStream()
                .sorted(Comparator.comparing(Account::username)).map(StaffAccount::of).toList();
    }

    /** Citizens, newest first, a page of {@value #CITIZENS_PAGE}, masked. */
    public List<CitizenRow> citizens(int page) {
        return em.createQuery("select p from CitizenProfile p order by p.createdAt desc, p.accountId desc", CitizenProfile.class)
                .setFirstResult(Math.max(0, page) * CITIZENS_PAGE).setMaxResults(CITIZENS_PAGE).getResultStream()
                .map(p -> new CitizenRow(p.name(), Masking.idNumber(personalData.reveal(p.idNumberProtected())),
                        Masking.phone(personalData.reveal(p.phoneProtected())), p.createdAt(), p.enabled()))
                .toList();
    }

    /** The organisations accounts may belong to, by code. */
    public List<Organisation> organisations() {
        return em.createQuery("select o from Organisation o order by o.kind, o.code", Organisation.class).getResultList();
    }

    @Schema(name = "NewOrganisation")
    public record NewOrganisation(@NotNull @Pattern(regexp = "[A-Z][A-Z0-9]{0,15}(-[A-Z0-9]{1,16}){0,2}",
            message = "must be capital letters and digits in up to three parts joined by '-', e.g. COURT-1803")
                                  @Schema(maxLength = 50) String code,
                                  @NotNull OrganisationKind kind,
                                  @NotBlank @Schema(maxLength = 100) String nameZh,
                                  @NotBlank @Schema(maxLength = 100) String nameEn) {
    }

    /** A court, a scenic site's operator or a forestry bureau, for staff accounts to belong to (409 if the code is taken). */
    public Organisation createOrganisation(@NotNull @Valid NewOrganisation o, Caller admin) {
        if (o.kind().registersItself()) {
            throw BusinessException.unprocessable("organisation-registers-itself", "Enterprises and public bodies "
                    + "register themselves with their unified social credit code; an officer approves them.");
        }
        String nameZh = FreeText.required("nameZh", o.nameZh(), 100);
        String nameEn = FreeText.required("nameEn", o.nameEn(), 100);
        if (identity.organisationExists(o.code())) {
            throw BusinessException.conflict("organisation-exists", "There is already an organisation " + o.code() + ".");
        }
        Organisation created = identity.createOrganisation(o.code(), o.kind(), nameZh, nameEn);
        em.flush();
        trail.record(admin.username(), "ORGANISATION_CREATED", "org:" + o.code(), "kind=" + o.kind());
        return created;
    }

    /** An account, made as {@link IdentityService#createAccount(IdentityService.NewAccount)} makes it, recorded. */
    public StaffAccount create(@NotNull @Valid IdentityService.NewAccount a, Caller admin) {
        Caller created = identity.createAccount(a);
        trail.record(admin.username(), "ACCOUNT_CREATED", created.username(), "roles=" + created.roles().stream().sorted().toList()
                + " organisation=" + created.organisationCode());
        return StaffAccount.of(identity.findAccount(created.username()).orElseThrow());
    }

    @Schema(name = "RolesChange")
    public record RolesChange(@NotEmpty @Size(max = 5) List<@NotNull Role> roles, @Size(max = 64) String organisation) {
    }

    /** New roles and organisation for a staff account; its tokens are revoked, so the change applies at once. */
    public StaffAccount changeRoles(String username, @NotNull @Valid RolesChange c, Caller admin) {
        Account account = staffAccount(username);
        EnumSet<Role> roles = EnumSet.copyOf(c.roles());
        if (roles.contains(Role.CITIZEN)) {
            throw BusinessException.invalid("roles", "Citizens register themselves; a staff account has no CITIZEN role.");
        }
        Organisation organisation = c.organisation() == null || c.organisation().isBlank() ? null
                : identity.organisation(c.organisation()).orElseThrow(() -> BusinessException.invalid("organisation",
                        "No organisation has the code '" + c.organisation() + "'."));
        IdentityService.requireMatchingOrganisation(roles, organisation);
        if (!roles.contains(Role.ADMIN) && account.roles().contains(Role.ADMIN)) {
            keepAnAdministrator(account, admin);
        }
        String before = "roles=" + account.roles().stream().sorted().toList() + " organisation="
                + (account.organisation() == null ? null : account.organisation().code());
        account.assign(roles, organisation);
        account.accessChanged(clock.now());
        identity.revokeTokensOf(account, null);
        identity.forgetSessionsOf(account.username());
        trail.record(admin.username(), "ROLES_CHANGED", username, before + " -> roles=" + roles + " organisation="
                + (organisation == null ? null : organisation.code()));
        return StaffAccount.of(account);
    }

    /** Disables an account: it cannot sign in, and its tokens and sessions are refused at once (on this node). */
    public StaffAccount disable(String username, Caller admin) {
        Account account = locked(username);
        if (account.roles().contains(Role.ADMIN)) {
            keepAnAdministrator(account, admin);
        }
        if (account.enabled()) {
            account.disable();
            account.accessChanged(clock.now());
            identity.revokeTokensOf(account, null);
            identity.forgetSessionsOf(account.username());
            trail.record(admin.username(), "ACCOUNT_DISABLED", username, "tokens revoked");
        }
        return StaffAccount.of(account);
    }

    public StaffAccount enable(String username, Caller admin) {
        Account account = locked(username);
        if (!account.enabled()) {
            account.enable();
            identity.forgetSessionsOf(account.username());
            trail.record(admin.username(), "ACCOUNT_ENABLED", username, "");
        }
        return StaffAccount.of(account);
    }

    /** The temporary password of a forced reset, shown once to the administrator, who hands it over. */
    public record TemporaryPassword(String username, String password) {
        @Override
        public String toString() {
            return "TemporaryPassword[username=" + username + "]";
        }
    }

    /**
     * Forces a password reset of a staff account: a new random password replaces the old one, every token is revoked
     * and every session ended, and the administrator hands the new password over (the account holder then changes it
     * on the settings page). Citizens reset their own by text message.
     */
    public TemporaryPassword resetPassword(String username, Caller admin) {
        Account account = staffAccount(username);
        StringBuilder password = new StringBuilder();
        while (PasswordPolicy.problem(password.toString(), username).isPresent()) {
            password.setLength(0);
            for (int i = 0; i < 14; i++) {
                password.append(TEMPORARY.charAt(RANDOM.nextInt(TEMPORARY.length())));
            }
            password.append(RANDOM.nextInt(10));
        }
        account.changePasswordHash(PasswordHasher.hash(password.toString()));
        account.accessChanged(clock.now());
        identity.revokeTokensOf(account, null);
        identity.forgetSessionsOf(account.username());
        trail.record(admin.username(), "PASSWORD_RESET", username, "temporary password issued, tokens revoked");
        return new TemporaryPassword(username, password.toString());
    }

    private Account locked(String username) {
        Account account = identity.findAccount(username)
                .orElseThrow(() -> BusinessException.notFound("No account " + username + "."));
        return RowLocks.fresh(em, account);
    }

    private Account staffAccount(String username) {
        Account account = locked(username);
        if (account.roles().contains(Role.CITIZEN)) {
            throw BusinessException.unprocessable("citizen-account",
                    "A citizen's account is the citizen's own: it can be disabled, not given roles or a new password.");
        }
        return account;
    }

    /** The administrator does not lock out the own account, and one enabled administrator always remains. */
    private void keepAnAdministrator(Account account, Caller admin) {
        if (account.username().equals(admin.username())) {
            throw BusinessException.unprocessable("own-account", "You cannot disable your own account or take away your own ADMIN role.");
        }
        long enabledAdmins = em.createQuery("select count(a) from Account a join a.roles r where r = :admin and a.enabled = true",
                Long.class).setParameter("admin", Role.ADMIN).getSingleResult();
        if (account.enabled() && enabledAdmins <= 1) {
            throw BusinessException.unprocessable("last-admin", "This is the last enabled administrator.");
        }
    }
}
