package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.AppSetting;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.util.List;
import java.util.logging.Logger;

/**
 * The real Ya'an projects of the pilot (docs/DOMAIN.md section 4) with part of their verified units, as demo data of the
 * embedded default ({@code carbonsink.demo=true}), loaded once.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class LedgerDemoData {

    private static final String MARKER = "demo.ledger.loaded";
    private static final Logger LOG = Logger.getLogger(LedgerDemoData.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ProjectService ledger;

    @PostConstruct
    void load() {
        if (!Settings.demo() || em.find(AppSetting.class, MARKER) != null) {
            return;
        }
        em.persist(new AppSetting(MARKER, "true"));
        ledger.createProject(new ProjectService.NewProject("YA-FM-01", "天全县、宝兴县森林经营碳汇项目",
                "Tianquan and Baoxing forest management carbon-sink project", "天全县、宝兴县",
                "四川省林草碳汇试点", "森林经营碳汇项目方法学", new BigDecimal("10010.85"), 8000L), "system");
        ledger.issue("YA-FM-01", new ProjectService.NewIssuance(2023, 12_000_000L), "system");
        ledger.createProject(new ProjectService.NewProject("BX-PH-01", "宝兴县大熊猫栖息地修复碳汇项目",
                "Baoxing giant-panda habitat restoration carbon-sink project", "宝兴县",
                "四川省林草碳汇试点", "碳汇造林项目方法学", new BigDecimal("12750"), 8000L), "system");
        ledger.issue("BX-PH-01", new ProjectService.NewIssuance(2024, 2_000_000L), "system");
        for (String code : List.of("YA-FM-01", "BX-PH-01")) {
            ledger.changeVisibility(code, new ProjectService.VisibilityChange(ProjectVisibility.DEMO), "system");
        }
        LOG.info("Loaded the demo sink projects (carbonsink.demo=true)");
    }
}
