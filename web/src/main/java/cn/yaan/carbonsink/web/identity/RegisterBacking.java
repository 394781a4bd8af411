package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;

/**
 * Citizens' registration on the mobile web ({@code register.xhtml}): every refused field is shown next to itself in
 * the page's language; the numbers typed are never repeated in a message.
 */
@Named
@RequestScoped
public class RegisterBacking {

    private static final Set<String> FIELDS = Set.of("username", "name", "idNumber", "phone", "password", "consent");

    @Inject
    CitizenService citizens;

    @Inject
    FacesContext faces;

    private String username;
    private String name;
    private String idNumber;
    private String phone;
    private String password;
    private boolean consent;

    public String register() {
        try {
            citizens.register(new CitizenService.Registration(username, name, idNumber, phone, password, consent),
                    ClientAddress.of((HttpServletRequest) faces.getExternalContext().getRequest()));
        } catch (BusinessException e) {
            if (e.fieldErrors().isEmpty()) {
                // Refused (a taken username or a registered ID number: one answer for both) or too many attempts.
                Pages.error(faces, "register:username", e);
            }
            for (BusinessException.FieldError error : e.fieldErrors()) {
                String field = FIELDS.contains(error.field()) ? error.field() : "username";
                Pages.error(faces, "register:" + field, e, "register." + field + ".invalid");
            }
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, "register.done"), null));
        return "/login?faces-redirect=true";
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
