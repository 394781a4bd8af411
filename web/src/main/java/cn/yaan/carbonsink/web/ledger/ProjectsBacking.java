package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.ledger.ProjectService;
import cn.yaan.carbonsink.ledger.ProjectVisibility;
import cn.yaan.carbonsink.ledger.TransparencyService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;

import java.math.BigDecimal;
import java.util.List;

/** The officer's page of sink projects ({@code officer/projects.xhtml}): inventory at a glance, new projects, issuances. */
@Named
@RequestScoped
public class ProjectsBacking {

    @Inject
    ProjectService ledger;

    @Inject
    TransparencyService transparency;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<TransparencyService.ProjectFigures> projects;

    private String code;
    private String nameZh;
    private String nameEn;
    private String county;
    private String standard;
    private String methodology;
    private BigDecimal areaMu;
    private Long unitPriceFenPerTonne;

    private String visibilityProject;
    private ProjectVisibility visibility;

    private String issueProject;
    private Integer vintage;
    private Long quantityKg;

    public List<TransparencyService.ProjectFigures> getProjects() {
        if (projects == null) {
            projects = transparency.projects();
        }
        return projects;
    }

    public String create() {
        try {
            ledger.createProject(new ProjectService.NewProject(code == null ? null : code.trim(), nameZh, nameEn, county,
                    standard, methodology, areaMu, unitPriceFenPerTonne), caller.required().username());
        } catch (ConstraintViolationException e) {
            BusinessException refused = Pages.invalid(faces, e);
            String field = refused.fieldErrors().get(0).field();
            Pages.error(faces, "project:" + (field.equals("unitPriceFenPerTonne") ? "price" : field), refused);
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, "project:code", e);
            return null;
        }
        return done("officer.projects.created", code.trim());
    }

    public String issue() {
        try {
            var issuance = ledger.issue(issueProject, new ProjectService.NewIssuance(vintage, quantityKg),
                    caller.required().username());
            return done("officer.projects.issued", issuance.block());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = refused instanceof ConstraintViolationException v ? Pages.invalid(faces, v)
                    : (BusinessException) refused;
            String field = !e.fieldErrors().isEmpty() ? e.fieldErrors().get(0).field()
                    : e.kind() == BusinessException.Kind.NOT_FOUND ? "issueProject" : "quantityKg";
            Pages.error(faces, "issue:" + field, e, e.fieldErrors().isEmpty() ? "problem." + e.type() : "issuance." + field + ".invalid");
            return null;
        }
    }

    public ProjectVisibility[] getVisibilities() {
        return ProjectVisibility.values();
    }

    public String changeVisibility() {
        try {
            ledger.changeVisibility(visibilityProject, new ProjectService.VisibilityChange(visibility),
                    caller.required().username());
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.error(faces, "visibilityChange:visibilityProject", Pages.refusal(faces, refused));
            return null;
        }
        return done("officer.projects.visibility.changed", visibilityProject);
    }

    /** Post-redirect-get, with the confirmation carried over in the flash scope. */
    private String done(String key, String detail) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, key) + " " + detail, null));
        return "/officer/projects?faces-redirect=true";
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getCounty() { return county; }
    public void setCounty(String county) { this.county = county; }
    public String getStandard() { return standard; }
    public void setStandard(String standard) { this.standard = standard; }
    public String getMethodology() { return methodology; }
    public void setMethodology(String methodology) { this.methodology = methodology; }
    public BigDecimal getAreaMu() { return areaMu; }
    public void setAreaMu(BigDecimal areaMu) { this.areaMu = areaMu; }
    public Long getUnitPriceFenPerTonne() { return unitPriceFenPerTonne; }
    public void setUnitPriceFenPerTonne(Long unitPriceFenPerTonne) { this.unitPriceFenPerTonne = unitPriceFenPerTonne; }
    public String getVisibilityProject() { return visibilityProject; }
    public void setVisibilityProject(String visibilityProject) { this.visibilityProject = visibilityProject; }
    public ProjectVisibility getVisibility() { return visibility; }
    public void setVisibility(ProjectVisibility visibility) { this.visibility = visibility; }
    public String getIssueProject() { return issueProject; }
    public void setIssueProject(String issueProject) { this.issueProject = issueProject; }
    public Integer getVintage() { return vintage; }
    public void setVintage(Integer vintage) { this.vintage = vintage; }
    public Long getQuantityKg() { return quantityKg; }
    public void setQuantityKg(Long quantityKg) { this.quantityKg = quantityKg; }
}
