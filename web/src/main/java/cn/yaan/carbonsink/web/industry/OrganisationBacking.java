package cn.yaan.carbonsink.web.industry;

import cn.yaan.carbonsink.identity.OrganisationService;
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

import java.util.List;

/**
 * The organisation's own page ({@code organisation/home.xhtml}): its registration's status (and an officer's reason),
 * its details with the contact masked, its members; its administrator adds members once it is approved.
 */
@Named
@RequestScoped
public class OrganisationBacking {

    private static final List<String> FIELDS = List.of("username", "password", "displayName", "role");

    @Inject
    OrganisationService organisations;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private OrganisationService.OrganisationView organisation;
    private String username;
    private String password;
    private String displayName;
    private Role role = Role.ORG_BUYER;

    public OrganisationService.OrganisationView getOrganisation() {
        if (organisation == null) {
            organisation = organisations.own(caller.required());
        }
        return organisation;
    }

    public List<Role> getRoles() {
        return List.of(Role.ORG_BUYER, Role.ORG_ADMIN);
    }

    public String addMember() {
        try {
            organisation = organisations.addMember(new OrganisationService.NewMember(username, password, displayName,
                    role), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "member", FIELDS, "organisation.member.");
            return null;
        }
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                Pages.text(faces, "organisation.member.added"), null));
        username = null;
        password = null;
        displayName = null;
        return null;
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
}
