package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.SiteAdminService;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolationException;

import java.time.LocalTime;
import java.util.List;

/**
 * The sites page ({@code manage/sites.xhtml}): the sites the caller runs (every site for an officer, the own one for
 * a site manager), and the officer's form for a new site.
 */
@Named
@RequestScoped
public class SitesBacking {

    static final List<String> FIELDS = List.of("code", "nameZh", "nameEn", "county", "dailyCapacity", "walkInPercent",
            "opensAt", "closesAt", "capacityNote");

    @Inject
    SiteAdminService admin;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<ScenicSite> sites;

    private String code;
    private String nameZh;
    private String nameEn;
    private String county;
    private Integer dailyCapacity;
    private Integer walkInPercent = 10;
    private LocalTime opensAt = LocalTime.of(8, 30);
    private LocalTime closesAt = LocalTime.of(17, 30);
    private String capacityNote;

    public List<ScenicSite> getSites() {
        if (sites == null) {
            sites = admin.managedSites(caller.required());
        }
        return sites;
    }

    public String create() {
        String created;
        try {
            created = admin.createSite(new SiteAdminService.NewSite(code == null ? null : code.trim(), nameZh, nameEn,
                    county, dailyCapacity, walkInPercent, opensAt, closesAt, capacityNote), caller.required()).code();
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            if (e.fieldErrors().isEmpty()) {
                Pages.error(faces, "site:code", e);
            } else {
                Pages.refused(faces, e, "site", FIELDS, "site.");
            }
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, "sites.created") + " " + created, null));
        return "/manage/site?faces-redirect=true&code=" + created;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getCounty() { return county; }
    public void setCounty(String county) { this.county = county; }
    public Integer getDailyCapacity() { return dailyCapacity; }
    public void setDailyCapacity(Integer dailyCapacity) { this.dailyCapacity = dailyCapacity; }
    public Integer getWalkInPercent() { return walkInPercent; }
    public void setWalkInPercent(Integer walkInPercent) { this.walkInPercent = walkInPercent; }
    public LocalTime getOpensAt() { return opensAt; }
    public void setOpensAt(LocalTime opensAt) { this.opensAt = opensAt; }
    public LocalTime getClosesAt() { return closesAt; }
    public void setClosesAt(LocalTime closesAt) { this.closesAt = closesAt; }
    public String getCapacityNote() { return capacityNote; }
    public void setCapacityNote(String capacityNote) { this.capacityNote = capacityNote; }
}
