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
 * Demo slots of the embedded default ({@code carbonsink.demo=true}), loaded once: two slots a day (09:00 and
 * 13:00, four hours, 400 places each) at 碧峰峡, 蒙顶山 and 喇叭河 for the next 60 days.
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

    @PostConstruct
    void load() {
        if (!Settings.demo() || em.find(AppSetting.class, MARKER) != null) {
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
