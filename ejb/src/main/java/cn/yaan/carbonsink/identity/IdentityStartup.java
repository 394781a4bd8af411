package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.platform.AppSetting;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Set;
import java.util.logging.Logger;

/**
 * Identity's data before the first request (the ledger and tourism load their own demo data likewise):
 * <ul>
 *   <li>the real names of citizens registered before names were sealed, sealed now; their mobile numbers' keyed
 *       hashes (to reset a forgotten password), likewise;</li>
 *   <li>with {@code carbonsink.demo=true} (the embedded default only), the demo organisations and accounts, once,
 *       guarded by a settings row so a restart or a second node does not add them again;</li>
 *   <li>with {@code carbonsink.bootstrap-admin-password} set and no administrator yet, the first administrator
 *       {@code admin} (how production gets its first account).</li>
 * </ul>
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "PersonalData"})
public class IdentityStartup {

    static final String DEMO_MARKER = "demo.identity.loaded";
    /** The demo site managers came after the first demo accounts: their own marker adds them to older demo data. */
    static final String DEMO_MANAGERS_MARKER = "demo.identity.site-managers";
    private static final Logger LOG = Logger.getLogger(IdentityStartup.class.getName());

    /** Codes of the demo organisations; the demo accounts belong to them. */
    public static final String DEMO_COURT = "COURT-1802";
    public static final String DEMO_OTHER_COURT = "COURT-1827";
    public static final String DEMO_SITE = "SITE-BFX";
    public static final String DEMO_OTHER_SITE = "SITE-MDS";
    public static final String DEMO_BUREAU = "BUREAU-YAAN";
    /** The demo enterprise (industry scheme): a made-up unified social credit code with a valid check character. */
    public static final String DEMO_ENTERPRISE = "91511802MA6YA00012";
    /** The demo enterprise came after the first demo accounts: its own marker adds it to older demo data. */
    static final String DEMO_ENTERPRISE_MARKER = "demo.identity.enterprise";

    @PersistenceContext
    EntityManager em;

    @Inject
    IdentityService identity;

    @Inject
    CitizenService citizens;

    @Inject
    OrganisationService organisations;

    /**
     * The demo citizen's made-up name, resident ID number (area 511802 雨城区, born 12 May 1990, so obliged in every
     * year of the pilot) and mobile number, stored protected like any citizen's, so the duty pages work out of the box.
     */
    public static final String DEMO_CITIZEN_ID = "511802199005120019";
    static final String DEMO_CITIZEN_PHONE = "13800138000";
    static final String DEMO_CITIZEN_NAME = "张三";

    @PostConstruct
    void load() {
        long sealed = 0;
        for (int n = citizens.sealEarlierNames(); n > 0; n = citizens.sealEarlierNames()) {
            sealed += n;
        }
        long hashed = 0;
        for (int n = citizens.hashEarlierPhones(); n > 0; n = citizens.hashEarlierPhones()) {
            hashed += n;
        }
        if (hashed > 0) {
            LOG.info("Hashed the mobile numbers of " + hashed + " citizens registered before numbers were hashed");
        }
        if (sealed > 0) {
            LOG.info("Sealed the names of " + sealed + " citizens registered before names were sealed");
        }
        if (Settings.demo() && em.find(AppSetting.class, DEMO_MARKER) == null) {
            loadDemo(Settings.get("carbonsink.demo.password", "Demo#2026"));
        }
        if (Settings.demo() && em.find(AppSetting.class, DEMO_MANAGERS_MARKER) == null
                && identity.organisationExists(DEMO_SITE) && identity.organisationExists(DEMO_OTHER_SITE)) {
            em.persist(new AppSetting(DEMO_MANAGERS_MARKER, "true"));
            String password = Settings.get("carbonsink.demo.password", "Demo#2026");
            if (!identity.usernameTaken("manager")) {
                identity.createAccount("manager", password, "碧峰峡 景区管理员", Set.of(Role.SITE_MANAGER), DEMO_SITE);
            }
            if (!identity.usernameTaken("manager2")) {
                identity.createAccount("manager2", password, "蒙顶山 景区管理员", Set.of(Role.SITE_MANAGER), DEMO_OTHER_SITE);
            }
            LOG.info("Added the demo site managers (carbonsink.demo=true)");
        }
        if (Settings.demo() && em.find(AppSetting.class, DEMO_ENTERPRISE_MARKER) == null
                && !identity.usernameTaken("enterprise") && !identity.organisationExists(DEMO_ENTERPRISE)) {
            em.persist(new AppSetting(DEMO_ENTERPRISE_MARKER, "true"));
            organisations.demo(DEMO_ENTERPRISE, "雅安市雨城区示范茶业有限公司", "Yucheng Demonstration Tea Co., Ltd.",
                    "511802", "enterprise", Settings.get("carbonsink.demo.password", "Demo#2026"));
            LOG.info("Added the demo enterprise, approved, and its account 'enterprise' (carbonsink.demo=true)");
        }
        if (Settings.demo() && identity.caller("citizen").isPresent() && citizens.profile("citizen").isEmpty()) {
            citizens.attach("citizen", DEMO_CITIZEN_NAME, DEMO_CITIZEN_ID, DEMO_CITIZEN_PHONE);
            LOG.info("Gave the demo citizen its demo name, ID and mobile number (protected)");
        }
        String adminPassword = Settings.secret("carbonsink.bootstrap-admin-password");
        if (adminPassword != null && identity.countAccountsWithRole(Role.ADMIN) == 0) {
            identity.createAccount("admin", adminPassword, "Administrator", Set.of(Role.ADMIN), null);
            LOG.info("Created the first administrator account 'admin' from carbonsink.bootstrap-admin-password");
        }
    }

    private void loadDemo(String password) {
        em.persist(new AppSetting(DEMO_MARKER, "true"));
        identity.createOrganisation(DEMO_COURT, OrganisationKind.COURT, "雅安市雨城区人民法院", "Yucheng District People's Court, Ya'an");
        identity.createOrganisation(DEMO_OTHER_COURT, OrganisationKind.COURT, "宝兴县人民法院", "Baoxing County People's Court");
        identity.createOrganisation(DEMO_SITE, OrganisationKind.SCENIC_SITE, "碧峰峡景区", "Bifengxia Scenic Area");
        identity.createOrganisation(DEMO_OTHER_SITE, OrganisationKind.SCENIC_SITE, "蒙顶山景区", "Mengdingshan Scenic Area");
        identity.createOrganisation(DEMO_BUREAU, OrganisationKind.FORESTRY_BUREAU, "雅安市林业局", "Ya'an Forestry Bureau");
        identity.createAccount("admin", password, "系统管理员", Set.of(Role.ADMIN), null);
        identity.createAccount("officer", password, "林业局 王科长", Set.of(Role.OFFICER), DEMO_BUREAU);
        identity.createAccount("court", password, "雨城区法院 李书记员", Set.of(Role.COURT), DEMO_COURT);
        identity.createAccount("court2", password, "宝兴县法院 赵书记员", Set.of(Role.COURT), DEMO_OTHER_COURT);
        identity.createAccount("gate", password, "碧峰峡 检票员", Set.of(Role.SITE_OPERATOR), DEMO_SITE);
        identity.createAccount("gate2", password, "蒙顶山 检票员", Set.of(Role.SITE_OPERATOR), DEMO_OTHER_SITE);
        identity.createAccount("citizen", password, "citizen", Set.of(Role.CITIZEN), null);
        LOG.info("Loaded the demo organisations and accounts (carbonsink.demo=true)");
    }
}
