package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.GateService;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.web.certificate.PublicAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The gate scanner ({@code site/scan.xhtml}) and the site's day ({@code site/dashboard.xhtml}). */
@Named
@RequestScoped
public class GateBacking {

    /** The verdicts the scanner may show, in the order of the page's hidden texts. */
    public static final String[] RESULTS = {"ADMITTED", "ALREADY_CHECKED_IN", "WRONG_SITE", "NOT_YET_VALID",
            "EXPIRED", "CANCELLED", "INVALID_SIGNATURE"};

    @Inject
    HttpServletRequest request;

    @Inject
    GateService gate;

    @Inject
    CurrentCaller caller;

    @Inject
    AppClock clock;

    private GateService.Dashboard dashboard;

    public ScenicSite getSite() {
        try {
            return gate.siteOf(caller.required());
        } catch (BusinessException e) {
            return null;
        }
    }

    /** The official address: the scanner warns when a scanned code names another site (a look-alike). */
    public String getPublicUrl() {
        return PublicAddress.of(request);
    }

    public String[] getResults() {
        return RESULTS;
    }

    public GateService.Dashboard getDashboard() {
        if (dashboard == null && getSite() != null) {
            dashboard = gate.dashboard(caller.required(), clock.today());
        }
        return dashboard;
    }
}
