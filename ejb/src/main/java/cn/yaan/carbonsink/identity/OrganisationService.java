package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.platform.AuditTrail;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.SecurityEvents;
import cn.yaan.carbonsink.shared.SocialCreditCodes;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Enterprises and public bodies (单位) that register themselves to take part in the industry scheme: the unified
 * social credit code (GB 32100) is the organisation's code, its registering account becomes its first ORG_ADMIN, an
 * officer approves or rejects the registration once, and the ORG_ADMIN adds members (ORG_ADMIN, ORG_BUYER) who act for
 * it. The contact's name and mobile number are sealed as citizens' are and shown only masked; the organisation's name
 * and code are public (they are printed on its certificates).
 */
@Stateless
public class OrganisationService {

    static final int NAME_MAX = 100;
    static final int REASON_MAX = 200;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");

    /** Ya'an's county-level divisions (雅安市辖区县), by their administrative division code. */
    public static final Map<String, String> COUNTIES = Map.of(
            "511802", "雨城区", "511803", "名山区", "511822", "荥经县", "511823", "汉源县",
            "511824", "石棉县", "511825", "天全县", "511826", "芦山县", "511827", "宝兴县");

    @PersistenceContext
    EntityManager em;

    @Inject
    IdentityService identity;

    @Inject
    PersonalData personalData;

    @Inject
    RegistrationThrottle throttle;

    @Inject
    AuditTrail trail;

    @Inject
    AppClock clock;

    /** Sizes are caps against abuse; {@link #register} checks the real rules and reports every field at once. */
    @Schema(name = "OrganisationRegistrationRequest")
    public record Registration(@Size(max = 40) @Schema(examples = "91511802MA6YA00012") String creditCode,
                               @Size(max = 200) @Schema(maxLength = NAME_MAX) String name,
                               @Size(max = 200) @Schema(maxLength = NAME_MAX) String nameEn,
                               @Size(max = 10) @Schema(examples = "511802") String county,
                               @Size(max = 100) String contactName, @Size(max = 40) String contactPhone,
                               @Size(max = 64) String username, @Size(max = 200) String password, Boolean consent) {
        /** Never the contact's data or the password, should anything print the request. */
        @Override
        public String toString() {
            return "Registration[creditCode=" + creditCode + ", username=" + username + "]";
        }
    }

    @Schema(name = "OrganisationMember", requiredProperties = {"username", "displayName", "roles"})
    public record MemberView(String username, String displayName, List<Role> roles) {
    }

    /** An organisation as its members and officers see it: the contact masked. */
    @Schema(name = "Organisation", requiredProperties = {"code", "kind", "name", "county", "status", "registeredAt"})
    public record OrganisationView(String code, OrganisationKind kind, String name, String nameEn, String county,
                                   String countyName, String contactName, String contactPhone,
                                   OrganisationRegistration.Status status, Instant registeredAt, Instant decidedAt,
                                   String decisionReason, List<MemberView> members) {
    }

    /**
     * Registers an organisation and its first administrator (201, PENDING): every invalid field is reported at once
     * (400); a code registered already answers 409 {@code organisation-registered}, a taken username 409
     * {@code username-taken}; attempts that pass validation are limited per address as citizens' are (429).
     */
    public OrganisationView register(@NotNull @Valid Registration r, String address) {
        List<FieldError> errors = new ArrayList<>();
        SocialCreditCodes.SocialCreditCode code = null;
        try {
            code = SocialCreditCodes.parse("creditCode", r.creditCode());
        } catch (BusinessException e) {
            errors.addAll(e.fieldErrors());
        }
        text(errors, "name", "the organisation's name", r.name(), NAME_MAX, true);
        text(errors, "nameEn", "the name in English", r.nameEn(), NAME_MAX, false);
        if (r.county() == null || !COUNTIES.containsKey(r.county().strip())) {
            errors.add(new FieldError("county", "Choose the county of Ya'an where the organisation is registered "
                    + "(its six-digit code, e.g. 511802 for 雨城区)."));
        }
        text(errors, "contactName", "the contact's name", r.contactName(), CitizenService.NAME_MAX, true);
        String phone = r.contactPhone() == null ? "" : r.contactPhone().strip();
        if (!CitizenService.PHONE.matcher(phone).matches()) {
            errors.add(new FieldError("contactPhone", "A mainland mobile number has 11 digits and starts with 13 to 19."));
        }
        if (r.username() == null || !USERNAME.matcher(r.username()).matches()) {
            errors.add(new FieldError("username", "The username must be 3 to 64 letters, digits, dots, dashes or underscores."));
        }
        PasswordPolicy.problem(r.password(), r.username()).ifPresent(p -> errors.add(new FieldError("password", p)));
        if (!Boolean.TRUE.equals(r.consent())) {
            errors.add(new FieldError("consent",
                    "Registration needs the contact's consent to the personal-data notice (consent: true)."));
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(errors);
        }
        long wait = throttle.reserve(address, clock.now());
        if (wait > 0) {
            SecurityEvents.rateLimited("organisation-registration", address, wait);
            throw BusinessException.tooManyRequests(
                    "Too many registrations from your address. Try again in " + wait + " seconds.", wait);
        }
        if (identity.organisationExists(code.code())) {
            throw BusinessException.conflict("organisation-registered", "An organisation with this unified social "
                    + "credit code is registered already; ask its administrator to add you as a member.");
        }
        String name = FreeText.normalise(r.name());
        String nameEn = r.nameEn() == null || r.nameEn().isBlank() ? name : FreeText.normalise(r.nameEn());
        Organisation organisation = identity.createOrganisation(code.code(),
                code.enterprise() ? OrganisationKind.ENTERPRISE : OrganisationKind.PUBLIC_BODY, name, nameEn);
        em.flush();
        String contactName = FreeText.normalise(r.contactName());
        identity.createAccount(r.username(), r.password(), Masking.name(contactName),
                EnumSet.of(Role.ORG_ADMIN, Role.ORG_BUYER), code.code());
        OrganisationRegistration registration = new OrganisationRegistration(organisation, r.county().strip(),
                personalData.protect(contactName), personalData.protect(phone), r.username(), clock.now());
        em.persist(registration);
        return view(registration);
    }

    /**
     * The demo enterprise at start-up (demo data only): registered by a made-up contact and approved, its account
     * both ORG_ADMIN and ORG_BUYER.
     */
    public void demo(String code, String name, String nameEn, String county, String username, String password) {
        Organisation organisation = identity.createOrganisation(code, OrganisationKind.ENTERPRISE, name, nameEn);
        em.flush();
        identity.createAccount(username, password, "示范茶业 采购员", EnumSet.of(Role.ORG_ADMIN, Role.ORG_BUYER), code);
        OrganisationRegistration registration = new OrganisationRegistration(organisation, county,
                personalData.protect("王小明"), personalData.protect("13900139000"), username, clock.now());
        registration.approve("demo", clock.now());
        em.persist(registration);
    }

    /** The registrations with a status, oldest first (officers: PENDING is their queue). */
    public List<OrganisationView> list(OrganisationRegistration.Status status) {
        return em.createQuery("select r from OrganisationRegistration r where r.status = :status "
                        + "order by r.registeredAt, r.organisationId", OrganisationRegistration.class)
                .setParameter("status", status).setMaxResults(500).getResultStream().map(this::view).toList();
    }

    /** An officer approves a pending registration (409 registration-decided once decided). */
    public OrganisationView approve(String code, Caller officer) {
        OrganisationRegistration registration = locked(code);
        registration.approve(officer.username(), clock.now());
        trail.record(officer.username(), "ORGANISATION_APPROVED", "org:" + code, "");
        return view(registration);
    }

    @Schema(name = "RegistrationRejection")
    public record Rejection(@NotNull @Size(max = 400) @Schema(maxLength = REASON_MAX) String reason) {
    }

    /** An officer rejects a pending registration with a reason the organisation is shown. */
    public OrganisationView reject(String code, @NotNull @Valid Rejection rejection, Caller officer) {
        String reason = FreeText.required("reason", rejection.reason(), REASON_MAX);
        OrganisationRegistration registration = locked(code);
        registration.reject(officer.username(), clock.now(), reason);
        trail.record(officer.username(), "ORGANISATION_REJECTED", "org:" + code, "");
        return view(registration);
    }

    /** The caller's own organisation with its members. */
    public OrganisationView own(Caller caller) {
        return view(registrationOf(caller));
    }

    @Schema(name = "NewOrganisationMember")
    public record NewMember(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 128) String password,
                            @Size(max = 100) @Schema(maxLength = IdentityService.DISPLAY_NAME_MAX) String displayName,
                            @NotNull Role role) {
        @Override
        public String toString() {
            return "NewMember[username=" + username + ", role=" + role + "]";
        }
    }

    /** The organisation's administrator adds a member account (ORG_ADMIN or ORG_BUYER), once approved. */
    public OrganisationView addMember(@NotNull @Valid NewMember m, Caller admin) {
        OrganisationRegistration registration = requireApproved(admin);
        if (m.role() != Role.ORG_ADMIN && m.role() != Role.ORG_BUYER) {
            throw BusinessException.invalid("role", "A member is ORG_ADMIN or ORG_BUYER.");
        }
        identity.createAccount(m.username(), m.password(), m.displayName(), Set.of(m.role()),
                registration.organisation().code());
        trail.record(admin.username(), "ORGANISATION_MEMBER_ADDED", m.username(), "org:"
                + registration.organisation().code() + " role=" + m.role());
        return view(registration);
    }

    /** The caller's organisation, refused (409 organisation-not-approved) unless an officer approved it. */
    public OrganisationRegistration requireApproved(Caller caller) {
        OrganisationRegistration registration = registrationOf(caller);
        if (registration.status() != OrganisationRegistration.Status.APPROVED) {
            throw BusinessException.conflict("organisation-not-approved", "Your organisation's registration is "
                    + registration.status().name().toLowerCase() + "; it acts on the platform once an officer approves it.");
        }
        return registration;
    }

    private OrganisationRegistration registrationOf(Caller caller) {
        OrganisationRegistration registration = caller.organisationCode() == null ? null
                : identity.organisation(caller.organisationCode())
                        .map(o -> em.find(OrganisationRegistration.class, o.id())).orElse(null);
        if (registration == null) {
            throw BusinessException.notFound("Your account belongs to no registered enterprise or public body.");
        }
        return registration;
    }

    private OrganisationRegistration locked(String code) {
        OrganisationRegistration registration = identity.organisation(code)
                .map(o -> em.find(OrganisationRegistration.class, o.id()))
                .orElseThrow(() -> BusinessException.notFound("No organisation registered with the code " + code + "."));
        return RowLocks.fresh(em, registration);
    }

    private OrganisationView view(OrganisationRegistration r) {
        Organisation o = r.organisation();
        List<MemberView> members = em.createQuery("select a from Account a where a.organisation = :o", Account.class)
                .setParameter("o", o).getResultStream().sorted(Comparator.comparing(Account::username))
                .map(a -> new MemberView(a.username(), a.displayName(), a.roles().stream().sorted().toList())).toList();
        return new OrganisationView(o.code(), o.kind(), o.nameZh(), o.nameEn(), r.county(), COUNTIES.get(r.county()),
                Masking.name(personalData.reveal(r.contactNameSealed())),
                Masking.phone(personalData.reveal(r.contactPhoneSealed())), r.status(), r.registeredAt(),
                r.decidedAt(), r.decisionReason(), members);
    }

    private static void text(List<FieldError> errors, String field, String what, String value, int max,
                             boolean required) {
        String v = value == null ? "" : value;
        if (v.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "Enter " + what + " (1 to " + max + " characters)."));
            }
            return;
        }
        FreeText.problem(v, max).ifPresent(p -> errors.add(new FieldError(field,
                Character.toUpperCase(what.charAt(0)) + what.substring(1) + " " + p)));
    }
}
