package cn.yaan.carbonsink.web.industry;

import cn.yaan.carbonsink.identity.OrganisationRegistration;
import cn.yaan.carbonsink.identity.OrganisationService;
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
 * The officer's queue of organisations' registrations ({@code officer/organisations.xhtml}): each pending one with
 * its details (contact masked), approved or rejected with a reason.
 */
@Named
@RequestScoped
public class OfficerOrganisationsBacking {

    @Inject
    OrganisationService organisations;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<OrganisationService.OrganisationView> pending;
    private String code;
    private String reason;

    public List<OrganisationService.OrganisationView> getPending() {
        if (pending == null) {
            pending = organisations.list(OrganisationRegistration.Status.PENDING);
        }
        return pending;
    }

    public String approve() {
        try {
            organisations.approve(code, caller.required());
        } catch (BusinessException e) {
            Pages.error(faces, "decide:code", e);
            return null;
        }
        return done("officer.organisations.approved");
    }

    public String reject() {
        try {
            organisations.reject(code, new OrganisationService.Rejection(reason), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            if (e.fieldErrors().isEmpty()) {
                Pages.error(faces, "decide:code", e);
            } else {
                Pages.error(faces, "decide:reason", e, "officer.organisations.reason.invalid");
            }
            return null;
        }
        return done("officer.organisations.rejected");
    }

    private String done(String key) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, key) + " " + code, null));
        pending = null;
        code = null;
        reason = null;
        return null;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
