package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.SiteService;
import cn.yaan.carbonsink.tourism.TravelFactor;
import cn.yaan.carbonsink.tourism.VisitSlot;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Choosing a visit ({@code visit.xhtml}, public): a site and a day by GET parameters, the day's slots with the
 * places left, and the emission factors with their sources.
 */
@Named
@RequestScoped
public class VisitBacking {

    @Inject
    SiteService sites;

    @Inject
    AppClock clock;

    private String site = "BFX";
    private String date;
    private List<VisitSlot> slots;
    private boolean badDate;

    public List<ScenicSite> getSites() {
        return sites.sites();
    }

    public List<TravelFactor> getFactors() {
        return sites.factors();
    }

    public LocalDate getDay() {
        try {
            return date == null || date.isBlank() ? clock.today() : LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            badDate = true;
            return clock.today();
        }
    }

    public List<VisitSlot> getSlots() {
        if (slots == null) {
            try {
                slots = sites.slots(site, getDay());
            } catch (BusinessException e) {
                slots = List.of();
            }
        }
        return slots;
    }

    public boolean isBadDate() {
        getDay();
        return badDate;
    }

    public String getMinDate() {
        return clock.today().toString();
    }

    public String getSite() { return site; }
    public void setSite(String site) { this.site = site; }
    public String getDate() { return date; }
    public void setDate(String date) { this.date = date; }
}
