package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.justice.SpeciesParameters;
import cn.yaan.carbonsink.justice.SpeciesService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolationException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The species half of the officers' reference-data page ({@code officer/reference.xhtml}): every version of the
 * species parameters, and a new version with its source.
 */
@Named
@RequestScoped
public class SpeciesBacking {

    static final List<String> FIELDS = List.of("nameZh", "nameEn", "svd", "bef", "rootShoot", "carbonFraction",
            "source", "sourceTable", "sourceYear", "validFrom");

    @Inject
    SpeciesService species;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<SpeciesService.VersionView> versions;

    private String nameZh;
    private String nameEn;
    private BigDecimal svd;
    private BigDecimal bef;
    private BigDecimal rootShoot;
    private BigDecimal carbonFraction;
    private String source;
    private String sourceTable;
    private Integer sourceYear;
    private boolean estimate;
    private LocalDate validFrom;

    public List<SpeciesService.VersionView> getVersions() {
        if (versions == null) {
            versions = species.versions(caller.required());
        }
        return versions;
    }

    public String record() {
        SpeciesParameters created;
        try {
            created = species.record(new SpeciesService.NewVersion(nameZh, nameEn, svd, bef, rootShoot, carbonFraction,
                    source, sourceTable, sourceYear, estimate, validFrom), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "species", FIELDS, "reference.species.");
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, "reference.recorded")
                + " " + created.nameZh() + " v" + created.version(), null));
        return "/officer/reference?faces-redirect=true";
    }

    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public BigDecimal getSvd() { return svd; }
    public void setSvd(BigDecimal svd) { this.svd = svd; }
    public BigDecimal getBef() { return bef; }
    public void setBef(BigDecimal bef) { this.bef = bef; }
    public BigDecimal getRootShoot() { return rootShoot; }
    public void setRootShoot(BigDecimal rootShoot) { this.rootShoot = rootShoot; }
    public BigDecimal getCarbonFraction() { return carbonFraction; }
    public void setCarbonFraction(BigDecimal carbonFraction) { this.carbonFraction = carbonFraction; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getSourceTable() { return sourceTable; }
    public void setSourceTable(String sourceTable) { this.sourceTable = sourceTable; }
    public Integer getSourceYear() { return sourceYear; }
    public void setSourceYear(Integer sourceYear) { this.sourceYear = sourceYear; }
    public boolean isEstimate() { return estimate; }
    public void setEstimate(boolean estimate) { this.estimate = estimate; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
}
