package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.platform.AppSettings;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The duty's settings. Each is looked up in the database first (row {@code duty.<name>} of {@code app_setting},
 * what an officer changes through {@code PUT /api/v1/duty-settings}), then in the system property
 * {@code carbonsink.duty.<name>}, then falls back to its default:
 * <ul>
 *   <li>{@code age-min} 11, {@code age-max} 60: the age band (1981 NPC resolution; 国发[1982]36号 art. 3);</li>
 *   <li>{@code age-max-women} 0: off; else women's highest age (国发[1982]36号: 55), sex from the ID number;</li>
 *   <li>{@code trees-owed} 3 trees a year (the resolution's lower bound);</li>
 *   <li>{@code kg-per-tree} 20: kg CO2e of units that count as one tree (docs/DOMAIN.md section 1, an estimate [E]: about
 *       a growing tree's yearly uptake). Priced from the project, at 80 元 a tonne one tree costs 1.6 元, well below
 *       the 10-20 元 money rates of other platforms; an officer can raise it;</li>
 *   <li>{@code hours-per-tree} 2: hours of tending, volunteering or other labour that count as one tree (an estimate
 *       [E]: a six-hour working day fulfils the year's three trees);</li>
 *   <li>{@code fen-per-tree} 2000: money donated that counts as one tree (20 元, the national platform's rate);</li>
 *   <li>{@code qr-minutes} 5: how long a citizen's attendance QR code is valid.</li>
 * </ul>
 */
@Stateless
public class DutySettings {

    public static final String AGE_MIN = "age-min";
    public static final String AGE_MAX = "age-max";
    public static final String AGE_MAX_WOMEN = "age-max-women";
    public static final String TREES_OWED = "trees-owed";
    public static final String KG_PER_TREE = "kg-per-tree";
    public static final String QR_MINUTES = "qr-minutes";
    public static final String HOURS_PER_TREE = "hours-per-tree";
    public static final String FEN_PER_TREE = "fen-per-tree";

    @Inject
    AppSettings settings;

    @Schema(name = "DutySettings", requiredProperties = {"ageMin", "ageMax", "ageMaxWomen", "treesOwed", "kgPerTree", "hoursPerTree", "fenPerTree", "qrMinutes"})
    public record Values(int ageMin, int ageMax, int ageMaxWomen, int treesOwed, int kgPerTree, int hoursPerTree, int fenPerTree,
                         int qrMinutes) {
        public DutyRules rules() {
            return new DutyRules(ageMin, ageMax, ageMaxWomen, treesOwed);
        }
    }

    public Values current() {
        return new Values(get(AGE_MIN, 11), get(AGE_MAX, 60), get(AGE_MAX_WOMEN, 0), get(TREES_OWED, 3), get(KG_PER_TREE, 20),
                get(HOURS_PER_TREE, 2), get(FEN_PER_TREE, 2000), get(QR_MINUTES, 5));
    }

    /** The settings as an officer sends them: each one given; their ranges are checked together by {@link #update}. */
    @Schema(name = "SettingsBody")
    public record NewSettings(@NotNull Integer ageMin, @NotNull Integer ageMax, @NotNull Integer ageMaxWomen,
                              @NotNull Integer treesOwed, @NotNull Integer kgPerTree, @NotNull Integer hoursPerTree,
                              @NotNull Integer fenPerTree, @NotNull Integer qrMinutes) {
    }

    /** Changes the settings for every duty year not yet under way; checks them together first. */
    public Values update(@NotNull @Valid NewSettings s) {
        Values v = new Values(s.ageMin(), s.ageMax(), s.ageMaxWomen(), s.treesOwed(), s.kgPerTree(), s.hoursPerTree(),
                s.fenPerTree(), s.qrMinutes());
        if (v.ageMin() < 0 || v.ageMin() > 120) {
            throw BusinessException.invalid("ageMin", "The lowest age must be from 0 to 120.");
        }
        if (v.ageMax() < v.ageMin() || v.ageMax() > 120) {
            throw BusinessException.invalid("ageMax", "The highest age must be from the lowest age to 120.");
        }
        if (v.ageMaxWomen() != 0 && (v.ageMaxWomen() < v.ageMin() || v.ageMaxWomen() > 120)) {
            throw BusinessException.invalid("ageMaxWomen",
                    "Women's highest age must be 0 (off) or from the lowest age to 120.");
        }
        if (v.treesOwed() < 1 || v.treesOwed() > 100) {
            throw BusinessException.invalid("treesOwed", "The trees owed must be from 1 to 100.");
        }
        if (v.kgPerTree() < 1 || v.kgPerTree() > 10_000) {
            throw BusinessException.invalid("kgPerTree", "The kg CO2e per tree must be from 1 to 10000.");
        }
        if (v.hoursPerTree() < 1 || v.hoursPerTree() > 100) {
            throw BusinessException.invalid("hoursPerTree", "The hours per tree must be from 1 to 100.");
        }
        if (v.fenPerTree() < 1 || v.fenPerTree() > 1_000_000) {
            throw BusinessException.invalid("fenPerTree", "The fen per tree must be from 1 to 1000000.");
        }
        if (v.qrMinutes() < 1 || v.qrMinutes() > 60) {
            throw BusinessException.invalid("qrMinutes", "The QR validity must be from 1 to 60 minutes.");
        }
        put(AGE_MIN, v.ageMin());
        put(AGE_MAX, v.ageMax());
        put(AGE_MAX_WOMEN, v.ageMaxWomen());
        put(TREES_OWED, v.treesOwed());
        put(KG_PER_TREE, v.kgPerTree());
        put(HOURS_PER_TREE, v.hoursPerTree());
        put(FEN_PER_TREE, v.fenPerTree());
        put(QR_MINUTES, v.qrMinutes());
        return current();
    }

    private int get(String name, int defaultValue) {
        return (int) settings.number("duty." + name, "carbonsink.duty." + name, defaultValue);
    }

    private void put(String name, int value) {
        settings.put("duty." + name, value);
    }
}
