package cn.yaan.carbonsink.web.obligation;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.obligation.DutySettings;
import cn.yaan.carbonsink.obligation.FulfilmentForm;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;

import java.util.Arrays;
import java.util.List;

/**
 * The officer's duty page ({@code officer/duty.xhtml}): exemptions with their reason, fulfilments seen in one of the
 * eight forms, and the duty's settings.
 */
@Named
@RequestScoped
public class OfficerDutyBacking {

    @Inject
    ObligationService obligations;

    @Inject
    DutySettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    AppClock clock;

    @Inject
    FacesContext faces;

    private String username;
    private Integer year;
    private String reason;
    private FulfilmentForm form = FulfilmentForm.VOLUNTEERING;
    private Integer trees;
    private Integer hours;
    private Long amountFen;
    private Integer ageMin;
    private Integer ageMax;
    private Integer ageMaxWomen;
    private Integer treesOwed;
    private Integer kgPerTree;
    private Integer hoursPerTree;
    private Integer fenPerTree;
    private Integer qrMinutes;

    @PostConstruct
    void init() {
        year = clock.today().getYear();
        DutySettings.Values v = settings.current();
        ageMin = v.ageMin();
        ageMax = v.ageMax();
        ageMaxWomen = v.ageMaxWomen();
        treesOwed = v.treesOwed();
        kgPerTree = v.kgPerTree();
        hoursPerTree = v.hoursPerTree();
        fenPerTree = v.fenPerTree();
        qrMinutes = v.qrMinutes();
    }

    /** The forms an officer may record (units count by themselves). */
    public List<FulfilmentForm> getForms() {
        return Arrays.stream(FulfilmentForm.values()).filter(f -> f != FulfilmentForm.CARBON_UNITS).toList();
    }

    public String exempt() {
        try {
            obligations.exempt(new ObligationService.NewExemption(username, year, reason), caller.required().username());
        } catch (ConstraintViolationException e) {
            BusinessException refused = Pages.invalid(faces, e);
            Pages.error(faces, "exempt:" + field(refused, "username"), refused);
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, "exempt:" + field(e, "username"), e);
            return null;
        }
        return done("officer.duty.exempted", username.trim() + " " + year);
    }

    public String record() {
        try {
            var o = obligations.recordByOfficer(new ObligationService.OfficerRecord(username, year, form, trees, hours,
                    amountFen), caller.required().username());
            return done("officer.duty.recorded", username.trim() + " " + o.treesFulfilled() + "/" + o.treesOwed());
        } catch (ConstraintViolationException e) {
            BusinessException refused = Pages.invalid(faces, e);
            Pages.error(faces, "fulfil:" + field(refused, "username"), refused);
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, "fulfil:" + field(e, "username"), e);
            return null;
        }
    }

    public String saveSettings() {
        try {
            settings.update(new DutySettings.NewSettings(ageMin, ageMax, ageMaxWomen, treesOwed, kgPerTree, hoursPerTree,
                    fenPerTree, qrMinutes));
        } catch (ConstraintViolationException e) {
            BusinessException refused = Pages.invalid(faces, e);
            Pages.error(faces, "settings:" + field(refused, "ageMin"), refused);
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, "settings:" + field(e, "ageMin"), e);
            return null;
        }
        return done("officer.duty.saved", "");
    }

    private static String field(BusinessException e, String otherwise) {
        return e.fieldErrors().isEmpty() ? otherwise : e.fieldErrors().get(0).field();
    }

    private String done(String key, String detail) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, key) + " " + detail, null));
        return "/officer/duty?faces-redirect=true";
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public Integer getYear() { return year; }
    public void setYear(Integer year) { this.year = year; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public FulfilmentForm getForm() { return form; }
    public void setForm(FulfilmentForm form) { this.form = form; }
    public Integer getTrees() { return trees; }
    public void setTrees(Integer trees) { this.trees = trees; }
    public Integer getHours() { return hours; }
    public void setHours(Integer hours) { this.hours = hours; }
    public Long getAmountFen() { return amountFen; }
    public void setAmountFen(Long amountFen) { this.amountFen = amountFen; }
    public Integer getAgeMin() { return ageMin; }
    public void setAgeMin(Integer ageMin) { this.ageMin = ageMin; }
    public Integer getAgeMax() { return ageMax; }
    public void setAgeMax(Integer ageMax) { this.ageMax = ageMax; }
    public Integer getAgeMaxWomen() { return ageMaxWomen; }
    public void setAgeMaxWomen(Integer ageMaxWomen) { this.ageMaxWomen = ageMaxWomen; }
    public Integer getTreesOwed() { return treesOwed; }
    public void setTreesOwed(Integer treesOwed) { this.treesOwed = treesOwed; }
    public Integer getKgPerTree() { return kgPerTree; }
    public void setKgPerTree(Integer kgPerTree) { this.kgPerTree = kgPerTree; }
    public Integer getHoursPerTree() { return hoursPerTree; }
    public void setHoursPerTree(Integer hoursPerTree) { this.hoursPerTree = hoursPerTree; }
    public Integer getFenPerTree() { return fenPerTree; }
    public void setFenPerTree(Integer fenPerTree) { this.fenPerTree = fenPerTree; }
    public Integer getQrMinutes() { return qrMinutes; }
    public void setQrMinutes(Integer qrMinutes) { this.qrMinutes = qrMinutes; }
}
