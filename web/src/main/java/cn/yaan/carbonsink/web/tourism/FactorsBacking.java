package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.TravelFactor;
import cn.yaan.carbonsink.tourism.TravelFactorService;
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
 * The travel-factor half of the officers' reference-data page ({@code officer/reference.xhtml}): every version of
 * the emission factors, and a new version of one with its source.
 */
@Named
@RequestScoped
public class FactorsBacking {

    static final List<String> FIELDS = List.of("code", "factor", "source", "sourceTable", "sourceYear", "validFrom");

    @Inject
    TravelFactorService factors;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<TravelFactor> versions;

    private String code;
    private BigDecimal factor;
    private String source;
    private String sourceTable;
    private Integer sourceYear;
    private boolean estimate;
    private LocalDate validFrom;

    public List<TravelFactor> getVersions() {
        if (versions == null) {
            versions = factors.versions(caller.required());
        }
        return versions;
    }

    /** The factors' codes, each once. */
    public List<String> getCodes() {
        return getVersions().stream().map(TravelFactor::code).distinct().toList();
    }

    public String record() {
        TravelFactor created;
        try {
            created = factors.record(new TravelFactorService.NewVersion(code, factor, source, sourceTable, sourceYear,
                    estimate, validFrom), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "factorVersion", FIELDS, "reference.factor.");
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, "reference.recorded")
                + " " + created.code() + " v" + created.version(), null));
        return "/officer/reference?faces-redirect=true";
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public BigDecimal getFactor() { return factor; }
    public void setFactor(BigDecimal factor) { this.factor = factor; }
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
