package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.platform.AppSetting;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.LocalTime;
import java.util.List;
import java.util.logging.Logger;

/**
 * Demo data of the embedded default ({@code carbonsink.demo=true}): seven scenic sites of Ya'an with invented
 * capacities (none are published), each created at start-up when missing; and, loaded once, two slots a day (09:00
 * and 13:00, four hours, 400 places each) at 碧峰峡, 蒙顶山 and 喇叭河 for the next 60 days. The sites were
 * reference data of migration V6 until V19 took them out of databases without demo data.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "LedgerDemoData"})
public class TourismDemoData {

    private static final String MARKER = "demo.tourism.loaded";
    private static final Logger LOG = Logger.getLogger(TourismDemoData.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    SiteService sites;

    @Inject
    AppClock clock;

    private static final String INVENTED = "Invented demo capacity (not published)";

    /** operator_org is the code of the demo organisation whose site operators work the site's gates. */
    private static List<ScenicSite> sites() {
        LocalTime half8 = LocalTime.of(8, 30);
        LocalTime five = LocalTime.of(17, 0);
        LocalTime half5 = LocalTime.of(17, 30);
        return List.of(
                new ScenicSite("BFX", "碧峰峡", "Bifengxia", "雨城区", 12000, 10, half8, half5, "SITE-BFX", INVENTED),
                new ScenicSite("MDS", "蒙顶山", "Mengdingshan", "名山区", 10000, 10, LocalTime.of(8, 0),
                        LocalTime.of(18, 0), "SITE-MDS", INVENTED),
                new ScenicSite("LBH", "喇叭河", "Labahe", "天全县", 5000, 15, half8, five, "SITE-LBH", INVENTED),
                new ScenicSite("LCG", "龙苍沟", "Longcanggou", "荥经县", 6000, 15, half8, five, "SITE-LCG", INVENTED),
                new ScenicSite("ELS", "二郎山", "Erlangshan", "天全县", 4000, 15, half8, five, "SITE-ELS", INVENTED),
                new ScenicSite("ZGS", "周公山", "Zhougongshan", "雨城区", 5000, 10, half8, half5, "SITE-ZGS", INVENTED),
                new ScenicSite("DLS", "东拉山大峡谷", "Donglashan canyon", "宝兴县", 3000, 15, half8, five, "SITE-DLS",
                        INVENTED));
    }

    @PostConstruct
    void load() {
        if (!Settings.demo()) {
            return;
        }
        for (ScenicSite site : sites()) {
            if (em.createNamedQuery("ScenicSite.byCode", ScenicSite.class).setParameter("code", site.code())
                    .getResultList().isEmpty()) {
                em.persist(site);
                LOG.info(() -> "Created the demo site " + site.code() + " (carbonsink.demo=true)");
            }
        }
        if (em.find(AppSetting.class, MARKER) != null) {
            return;
        }
        em.persist(new AppSetting(MARKER, "true"));
        for (String site : List.of("BFX", "MDS", "LBH")) {
            sites.createSlots(site, new SiteService.NewSlots(clock.today(), clock.today().plusDays(59),
                    List.of(LocalTime.of(9, 0), LocalTime.of(13, 0)), 240, 400), "system");
        }
        LOG.info("Loaded demo slots for the next 60 days (carbonsink.demo=true)");
    }
}
