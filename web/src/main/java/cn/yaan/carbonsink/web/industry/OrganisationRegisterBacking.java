package cn.yaan.carbonsink.web.industry;

import cn.yaan.carbonsink.identity.OrganisationService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import java.util.List;

/**
 * An enterprise's or public body's registration ({@code organisation-register.xhtml}): every refused field is shown
 * next to itself in the page's language; the registered administrator then signs in and waits for the officer.
 */
@Named
@RequestScoped
public class OrganisationRegisterBacking {

    static final List<String> FIELDS = List.of("creditCode", "name", "nameEn", "county", "contactName", "contactPhone",
            "username", "password", "consent");

    @Inject
    OrganisationService organisations;

    @Inject
    FacesContext faces;

    private String creditCode;
    private String name;
    private String nameEn;
    private String county = "511802";
    private String contactName;
    private String contactPhone;
    private String username;
    private String password;
    private boolean consent;

    /** The counties of Ya'an by code, for the page's choice (their names are in the bundle: county.<code>). */
    public List<String> getCounties() {
        return OrganisationService.COUNTIES.keySet().stream().sorted().toList();
    }

    public String register() {
        String address = ClientAddress.of((HttpServletRequest) faces.getExternalContext().getRequest());
        try {
            organisations.register(new OrganisationService.Registration(creditCode, name, nameEn, county, contactName,
                    contactPhone, username, password, consent), address);
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "organisation", FIELDS, "organisation.register.");
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                Pages.text(faces, "organisation.register.done"), null));
        return "/login?faces-redirect=true";
    }

    public String getCreditCode() { return creditCode; }
    public void setCreditCode(String creditCode) { this.creditCode = creditCode; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getCounty() { return county; }
    public void setCounty(String county) { this.county = county; }
    public String getContactName() { return contactName; }
    public void setContactName(String contactName) { this.contactName = contactName; }
    public String getContactPhone() { return contactPhone; }
    public void setContactPhone(String contactPhone) { this.contactPhone = contactPhone; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isConsent() { return consent; }
    public void setConsent(boolean consent) { this.consent = consent; }
}
