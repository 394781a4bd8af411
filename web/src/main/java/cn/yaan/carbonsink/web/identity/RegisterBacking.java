package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;

/**
 * Citizens' registration on the mobile web ({@code register.xhtml}): every refused field is shown next to itself in
 * the page's language (an empty one asks for it, a wrong one says what is wrong); the numbers typed are never
 * repeated in a message. A registered citizen is signed in and taken to the duty page.
 */
@Named
@RequestScoped
public class RegisterBacking {

    private static final Set<String> FIELDS = Set.of("username", "name", "idNumber", "phone", "password", "consent");

    @Inject
    CitizenService citizens;

    @Inject
    IdentityService identity;

    @Inject
    LoginBacking login;

    @Inject
    FacesContext faces;

    private String username;
    private String name;
    private String idNumber;
    private String phone;
    private String password;
    private boolean consent;

    public String register() {
        String address = ClientAddress.of((HttpServletRequest) faces.getExternalContext().getRequest());
        try {
            citizens.register(new CitizenService.Registration(username, name, idNumber, phone, password, consent), address);
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            if (e.fieldErrors().isEmpty()) {
                // Refused (a taken username or a registered ID number: one answer for both) or too many attempts.
                Pages.error(faces, "register:username", e);
            }
            for (BusinessException.FieldError error : e.fieldErrors()) {
                String field = FIELDS.contains(error.field()) ? error.field() : "username";
                Pages.error(faces, "register:" + field, e, "register." + field + (missing(field) ? ".required" : ".invalid"));
            }
            return null;
        }
        boolean signedIn;
        try {
            Caller caller = identity.authenticate(username, password, address);
            signedIn = login.signIn(caller);
        } catch (BusinessException e) {
            signedIn = false; // registered all the same: the login page takes it from here
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                Pages.text(faces, signedIn ? "register.done" : "register.done.login"), null));
        return signedIn ? "/citizen/duty?faces-redirect=true" : "/login?faces-redirect=true";
    }

    /** Whether the field was left empty (the consent box is never "empty": unticked is its wrong answer). */
    private boolean missing(String field) {
        String value = switch (field) {
            case "username" -> username;
            case "name" -> name;
            case "idNumber" -> idNumber;
            case "phone" -> phone;
            case "password" -> password;
            default -> "x";
        };
        return value == null || value.isBlank();
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isConsent() { return consent; }
    public void setConsent(boolean consent) { this.consent = consent; }
}
