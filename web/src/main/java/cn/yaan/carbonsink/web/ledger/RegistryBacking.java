package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.ledger.Receipt;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.TransparencyService;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The public registry ({@code registry.xhtml}): look up a serial number or a retirement, the figures of every
 * project, the latest retirements. Searches are GET requests, so a result can be bookmarked and shared.
 */
@Named
@RequestScoped
public class RegistryBacking {

    @Inject
    RegistryService registry;

    @Inject
    TransparencyService transparency;

    @Inject
    FacesContext faces;

    private String serial;
    private String retirementId;
    private RegistryService.SerialInfo serialInfo;
    private Receipt retirement;
    private String serialError;
    private String retirementError;
    private List<Receipt> latest;
    private List<TransparencyService.ProjectFigures> projects;

    public void load() {
        if (serial != null && !serial.isBlank()) {
            try {
                serialInfo = registry.serial(serial).orElse(null);
                if (serialInfo == null) {
                    serialError = Pages.text(faces, "registry.serial.unknown");
                }
            } catch (BusinessException e) {
                serialError = Pages.text(faces, "registry.serial.invalid");
            }
        }
        if (retirementId != null && !retirementId.isBlank()) {
            try {
                retirement = registry.retirement(Long.parseLong(retirementId.trim())).orElse(null);
            } catch (NumberFormatException e) {
                retirement = null;
            }
            if (retirement == null) {
                retirementError = Pages.text(faces, "registry.retirement.unknown");
            }
        }
        latest = registry.retirements(0, 20).items();
        projects = transparency.publicProjects();
    }

    public String getSerial() { return serial; }
    public void setSerial(String serial) { this.serial = serial; }
    public String getRetirementId() { return retirementId; }
    public void setRetirementId(String retirementId) { this.retirementId = retirementId; }
    public RegistryService.SerialInfo getSerialInfo() { return serialInfo; }
    public Receipt getRetirement() { return retirement; }
    public String getSerialError() { return serialError; }
    public String getRetirementError() { return retirementError; }
    public List<Receipt> getLatest() { return latest; }
    public List<TransparencyService.ProjectFigures> getProjects() { return projects; }
}
