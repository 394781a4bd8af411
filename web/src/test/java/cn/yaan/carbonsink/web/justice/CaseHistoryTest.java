package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Organisation;
import cn.yaan.carbonsink.identity.OrganisationKind;
import cn.yaan.carbonsink.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case history as a court reads it (the example: a PURCHASE_IN_LIEU order's "ledger order 131 for
 * 11917 kg, 95336 fen, payment be53…" by "ledger"): a sentence per step in the reader's language, yuan and tonnes,
 * offices by name, never an account name, an internal id or an enum name.
 */
class CaseHistoryTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Locale EN = Locale.ENGLISH;
    private static final Organisation COURT = new Organisation("COURT-1802", OrganisationKind.COURT,
            "雅安市雨城区人民法院", "Yucheng District People's Court");

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n.messages", locale);
    }

    @Test
    void aPurchaseIsSaidInYuanAndTonnesWithoutTheLedgersIds() {
        Map<String, String> fields = Map.of("order", "131", "kg", "11917", "fen", "95336");
        String zh = CaseHistory.sentence(bundle(ZH), ZH, "PURCHASE_ORDERED", fields);
        assertThat(zh).isEqualTo("生成认购订单：碳汇 11.917\u00a0吨，应付 953.36\u00a0元");
        String en = CaseHistory.sentence(bundle(EN), EN, "PURCHASE_ORDERED", fields);
        assertThat(en).isEqualTo("Purchase ordered: 11.917\u00a0t of units, ¥953.36 to pay");
        assertThat(zh + en).doesNotContain("131", "fen", "95336", "PURCHASE");
    }

    @Test
    void everyStepWithItsFieldsIsASentenceWithoutEnumNames() {
        Map<String, Map<String, String>> steps = Map.of(
                "REGISTERED", Map.of("remedy", "REPLANT_AND_PURCHASE", "carbonLossKg", "3975", "purchaseKg", "640",
                        "trees", "30", "species", "柳杉", "due", "2026-04-30"),
                "PLANTED", Map.of("trees", "12", "species", "柳杉", "date", "2026-03-01", "planted", "12",
                        "required", "30"),
                "PHOTO", Map.of("date", "2026-03-01"),
                "INSPECTION", Map.of("surviving", "11", "planted", "12", "date", "2026-09-01", "rate", "91.67",
                        "required", "26"),
                "FINAL_INSPECTION", Map.of("surviving", "20", "planted", "30", "date", "2029-09-01", "rate", "66.67",
                        "required", "26"),
                "CONVERTED", Map.of("short", "6", "kg", "480"),
                "PAID_OFFLINE", Map.of("receipt", "R2026-0012", "fen", "4800"),
                "UNITS_RETIRED", Map.of("kg", "480"),
                "FULFILLED", Map.of("certificate", "J-2026-7K3M-Q9XP-4"),
                "OVERDUE", Map.of("due", "2026-04-30", "planted", "12", "trees", "30"));
        for (Locale locale : new Locale[]{ZH, EN}) {
            steps.forEach((action, fields) -> {
                String sentence = CaseHistory.sentence(bundle(locale), locale, action, fields);
                assertThat(sentence).as(locale + " " + action)
                        .isNotEqualTo(bundle(locale).getString("restoration.event." + action))
                        .doesNotContain(action, "{", "fen", "REPLANT");
            });
        }
        assertThat(CaseHistory.sentence(bundle(ZH), ZH, "REGISTERED", steps.get("REGISTERED")))
                .isEqualTo("登记判决，修复方式：补植并认购碳汇；毁损林木碳损失 3.975\u00a0吨；应认购碳汇 640\u00a0千克"
                        + "；应于 2026-04-30 前补植柳杉 30\u00a0株");
        assertThat(CaseHistory.sentence(bundle(ZH), ZH, "PAID_OFFLINE", steps.get("PAID_OFFLINE")))
                .isEqualTo("法院账户收到款项 48.00\u00a0元（收据号 R2026-0012）");
    }

    @Test
    void aStepRecordedBeforeItsFieldsWereKeptIsNamedWithoutItsEnglishDetail() {
        assertThat(CaseHistory.sentence(bundle(ZH), ZH, "UNITS_RETIRED", Map.of())).isEqualTo("碳汇注销");
        assertThat(CaseHistory.sentence(bundle(EN), EN, "PURCHASE_ORDERED", Map.of("kg", "5"))).isEqualTo("Purchase ordered");
    }

    @Test
    void actorsAreTheSystemOrTheirOfficeNeverAnAccountName() {
        Caller clerk = new Caller("court", "书记员", Set.of(Role.COURT), "COURT-1802", OrganisationKind.COURT);
        Caller officer = new Caller("officer9", "王", Set.of(Role.OFFICER), null, null);
        Map<String, Caller> callers = Map.of("court", clerk, "officer9", officer);
        java.util.function.Function<String, Organisation> orgs = code -> code.equals(COURT.code()) ? COURT : null;
        assertThat(CaseHistory.actorName(bundle(ZH), ZH, "ledger", callers::get, orgs)).isEqualTo("系统");
        assertThat(CaseHistory.actorName(bundle(ZH), ZH, "system", callers::get, orgs)).isEqualTo("系统");
        assertThat(CaseHistory.actorName(bundle(ZH), ZH, "court", callers::get, orgs)).isEqualTo("雅安市雨城区人民法院");
        assertThat(CaseHistory.actorName(bundle(EN), EN, "court", callers::get, orgs))
                .isEqualTo("Yucheng District People's Court");
        assertThat(CaseHistory.actorName(bundle(ZH), ZH, "officer9", callers::get, orgs)).isEqualTo("林业局");
        assertThat(CaseHistory.actorName(bundle(EN), EN, "gone", callers::get, orgs)).isEqualTo("Staff");
    }
}
