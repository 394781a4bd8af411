package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.AccountAdminService;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.OrganisationKind;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolationException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The administrator's accounts page ({@code admin/accounts.xhtml}): staff accounts with their roles, organisation
 * and state, each disabled, enabled or given a temporary password with one button; a form for a new staff account
 * and one for new roles; citizens by masked identity only, a page at a time.
 */
@Named
@RequestScoped
public class AccountsBacking {

    /** The roles an administrator gives staff (citizens register themselves). */
    public static final List<Role> STAFF_ROLES = List.of(Role.OFFICER, Role.COURT, Role.SITE_OPERATOR, Role.SITE_MANAGER,
            Role.ADMIN);

    @Inject
    AccountAdminService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private AccountAdminService.Overview overview;
    private Integer page = 0;
    private AccountAdminService.TemporaryPassword temporary;

    private String username;
    private String displayName;
    private String password;
    private String organisation;
    private final Set<Role> roles = EnumSet.noneOf(Role.class);

    private String orgCode;
    private OrganisationKind orgKind;
    private String orgNameZh;
    private String orgNameEn;

    private String target;
    private String targetOrganisation;
    private final Set<Role> targetRoles = EnumSet.noneOf(Role.class);

    public AccountAdminService.Overview getOverview() {
        if (overview == null) {
            overview = accounts.overview(page == null ? 0 : Math.max(0, page));
        }
        return overview;
    }

    public List<Role> getStaffRoles() {
        return STAFF_ROLES;
    }

    public String create() {
        try {
            accounts.create(new IdentityService.NewAccount(username == null ? null : username.trim(), password,
                    displayName, new ArrayList<>(roles), blankToNull(organisation)), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            if (e.fieldErrors().isEmpty()) {
                Pages.error(faces, e.type().equals("organisation-mismatch") ? "create:organisation" : "create:username", e);
            } else {
                Pages.refused(faces, e, "create", List.of("username", "password", "displayName", "roles", "organisation"),
                        "accounts.");
            }
            return null;
        }
        return done("accounts.created", username.trim());
    }

    public OrganisationKind[] getOrganisationKinds() {
        return java.util.Arrays.stream(OrganisationKind.values()).filter(k -> !k.registersItself())
                .toArray(OrganisationKind[]::new);
    }

    public String createOrganisation() {
        try {
            accounts.createOrganisation(new AccountAdminService.NewOrganisation(orgCode == null ? null : orgCode.trim(),
                    orgKind, orgNameZh, orgNameEn), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            if (e.fieldErrors().isEmpty()) {
                Pages.error(faces, "org:code", e);
            } else {
                Pages.refused(faces, e, "org", List.of("code", "kind", "nameZh", "nameEn"), "accounts.org.");
            }
            return null;
        }
        return done("accounts.org.created", orgCode.trim());
    }

    public String changeRoles() {
        try {
            accounts.changeRoles(target, new AccountAdminService.RolesChange(new ArrayList<>(targetRoles),
                    blankToNull(targetOrganisation)), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            if (e.fieldErrors().isEmpty()) {
                Pages.error(faces, e.type().equals("organisation-mismatch") ? "roles:targetOrganisation" : "roles:submit", e);
            }
            for (BusinessException.FieldError error : e.fieldErrors()) {
                // The service names the command's fields; the form's inputs are the target's.
                String field = error.field().startsWith("roles") ? "targetRoles"
                        : error.field().equals("organisation") ? "targetOrganisation" : "target";
                Pages.error(faces, "roles:" + field, e, "accounts." + field + ".invalid");
            }
            return null;
        }
        return done("accounts.rolesChanged", target);
    }

    public String disable(String who) {
        return act(who, "accounts.disabled", () -> accounts.disable(who, caller.required()));
    }

    public String enable(String who) {
        return act(who, "accounts.enabled", () -> accounts.enable(who, caller.required()));
    }

    /** The temporary password is shown on this answer only, never put in a message carried to another request. */
    public String resetPassword(String who) {
        try {
            temporary = accounts.resetPassword(who, caller.required());
        } catch (BusinessException e) {
            Pages.error(faces, null, e); // shown with the page's messages, above the list
        }
        return null;
    }

    private String act(String who, String key, Runnable action) {
        try {
            action.run();
        } catch (BusinessException e) {
            Pages.error(faces, null, e); // shown with the page's messages, above the list
            return null;
        }
        return done(key, who);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private String done(String key, String detail) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, key) + " " + detail, null));
        return "/admin/accounts?faces-redirect=true";
    }

    public boolean isRole(String name) {
        return roles.contains(Role.valueOf(name));
    }

    public Integer getPage() { return page; }
    public void setPage(Integer page) { this.page = page; }
    public AccountAdminService.TemporaryPassword getTemporary() { return temporary; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getOrganisation() { return organisation; }
    public void setOrganisation(String organisation) { this.organisation = organisation; }
    public List<String> getRoles() { return roles.stream().map(Role::name).toList(); }
    public void setRoles(List<String> names) {
        roles.clear();
        names.forEach(n -> roles.add(Role.valueOf(n)));
    }
    public String getOrgCode() { return orgCode; }
    public void setOrgCode(String orgCode) { this.orgCode = orgCode; }
    public OrganisationKind getOrgKind() { return orgKind; }
    public void setOrgKind(OrganisationKind orgKind) { this.orgKind = orgKind; }
    public String getOrgNameZh() { return orgNameZh; }
    public void setOrgNameZh(String orgNameZh) { this.orgNameZh = orgNameZh; }
    public String getOrgNameEn() { return orgNameEn; }
    public void setOrgNameEn(String orgNameEn) { this.orgNameEn = orgNameEn; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public String getTargetOrganisation() { return targetOrganisation; }
    public void setTargetOrganisation(String targetOrganisation) { this.targetOrganisation = targetOrganisation; }
    public List<String> getTargetRoles() { return targetRoles.stream().map(Role::name).toList(); }
    public void setTargetRoles(List<String> names) {
        targetRoles.clear();
        names.forEach(n -> targetRoles.add(Role.valueOf(n)));
    }
}
