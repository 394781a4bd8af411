package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.PasswordService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.identity.SavedVisitorService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import java.util.List;

/**
 * Account settings ({@code account/settings.xhtml}, linked from 我的): the password change of any signed-in user,
 * and a citizen's saved visitors (常用游客), listed masked, added and removed. Refusals appear next to their field
 * in the page's language; the numbers typed are never repeated in a message.
 */
@Named("settings")
@RequestScoped
public class SettingsBacking {

    private static final List<String> PASSWORD_FIELDS = List.of("newPassword", "currentPassword");
    private static final List<String> VISITOR_FIELDS = List.of("name", "idNumber", "phone");

    @Inject
    PasswordService passwords;

    @Inject
    SavedVisitorService visitors;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private String currentPassword;
    private String newPassword;
    private String name;
    private String idNumber;
    private String phone;
    private List<SavedVisitorService.View> saved;
    private Boolean citizen;

    /** Whether the account is a registered citizen's, which may keep visitors. */
    public boolean isCitizen() {
        if (citizen == null) {
            citizen = caller.required().has(Role.CITIZEN) && visitors.hasProfile(caller.required().username());
        }
        return citizen;
    }

    public List<SavedVisitorService.View> getVisitors() {
        if (saved == null) {
            saved = visitors.list(caller.required().username());
        }
        return saved;
    }

    public String changePassword() {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        try {
            passwords.change(caller.required().username(), new PasswordService.Change(currentPassword, newPassword),
                    ClientAddress.of(request), null);
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "password", PASSWORD_FIELDS, "settings.");
            return null;
        }
        return done("settings.password.done");
    }

    public String addVisitor() {
        try {
            visitors.add(caller.required().username(), new SavedVisitorService.NewVisitor(name, idNumber, phone));
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "visitor", VISITOR_FIELDS, "register.");
            return null;
        }
        return done("settings.visitor.added");
    }

    public String removeVisitor(long id) {
        try {
            visitors.remove(caller.required().username(), id);
        } catch (BusinessException e) {
            Pages.error(faces, null, e);
            return null;
        }
        return done("settings.visitor.removed");
    }

    /** The page again (a fresh form), with a note of what was done. */
    private String done(String key) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, key), null));
        return "/account/settings?faces-redirect=true";
    }

    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
}
