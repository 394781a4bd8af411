package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Organisation;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.justice.RestorationEvent;
import cn.yaan.carbonsink.web.pages.Formats;
import cn.yaan.carbonsink.web.pages.LocaleBacking;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * A restoration order's timeline as its readers read it ({@code #{caseHistory.of(d.timeline())}}): every step a
 * sentence in the page's language ({@code restoration.history.<action>}) with amounts in yuan, quantities in kg or
 * t, and who acted named as their office (the court, the forestry bureau) or "system", never an account name or an
 * internal id. A step recorded before its fields were kept says what happened without figures.
 */
@Named
@RequestScoped
public class CaseHistory {

    /** Who acts without a person: the overdue job and the ledger's retirement. */
    static final List<String> SYSTEM_ACTORS = List.of("system", "ledger");

    @Inject
    IdentityService identity;

    @Inject
    LocaleBacking locale;

    private final Map<String, String> actors = new HashMap<>();

    /** One line of the history. */
    public record Line(Instant at, String action, String actor, String sentence) {
    }

    public List<Line> of(List<RestorationEvent> timeline) {
        Locale language = locale.getLocale();
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", language);
        return timeline.stream().map(e -> new Line(e.occurredAt(), bundle.getString("restoration.event." + e.action()),
                actors.computeIfAbsent(e.actor(), a -> actor(bundle, language, a)),
                sentence(bundle, language, e.action(), e.fields()))).toList();
    }

    private String actor(ResourceBundle bundle, Locale language, String username) {
        return actorName(bundle, language, username, u -> identity.caller(u).orElse(null),
                code -> identity.organisation(code).orElse(null));
    }

    /** The office (or the system) that acted, in the page's language. */
    static String actorName(ResourceBundle bundle, Locale language, String username, Function<String, Caller> callers,
                            Function<String, Organisation> organisations) {
        if (SYSTEM_ACTORS.contains(username)) {
            return bundle.getString("restoration.actor.system");
        }
        Caller caller = callers.apply(username);
        if (caller == null) {
            return bundle.getString("restoration.actor.staff");
        }
        Organisation organisation = caller.organisationCode() == null ? null
                : organisations.apply(caller.organisationCode());
        if (organisation != null) {
            return "zh".equals(language.getLanguage()) ? organisation.nameZh() : organisation.nameEn();
        }
        for (Role role : List.of(Role.COURT, Role.OFFICER, Role.ADMIN)) {
            if (caller.has(role)) {
                return bundle.getString("restoration.actor." + role.name());
            }
        }
        return bundle.getString("restoration.actor.staff");
    }

    /**
     * The step as a sentence; the step's name alone when it has no fields (recorded before they were kept) or
     * lacks one its sentence needs.
     */
    static String sentence(ResourceBundle bundle, Locale language, String action, Map<String, String> f) {
        String plain = bundle.getString("restoration.event." + action);
        if (f.isEmpty()) {
            return plain;
        }
        try {
            return switch (action) {
                case "REGISTERED" -> registered(bundle, language, f);
                case "PLANTED" -> format(bundle, language, "restoration.history.PLANTED", need(f, "trees"),
                        need(f, "species"), need(f, "date"), need(f, "planted"), need(f, "required"));
                case "PHOTO" -> format(bundle, language, "restoration.history.PHOTO", need(f, "date"));
                case "INSPECTION", "FINAL_INSPECTION" -> format(bundle, language, "restoration.history." + action,
                        need(f, "surviving"), need(f, "planted"), need(f, "date"), need(f, "rate"), need(f, "required"));
                case "CONVERTED" -> format(bundle, language, "restoration.history.CONVERTED", need(f, "short"),
                        kg(bundle, language, need(f, "kg")));
                case "PURCHASE_ORDERED" -> format(bundle, language, "restoration.history.PURCHASE_ORDERED",
                        kg(bundle, language, need(f, "kg")), yuan(bundle, language, need(f, "fen")));
                case "PAID_OFFLINE" -> format(bundle, language, "restoration.history.PAID_OFFLINE", need(f, "receipt"),
                        yuan(bundle, language, need(f, "fen")));
                case "UNITS_RETIRED" -> format(bundle, language, "restoration.history.UNITS_RETIRED",
                        kg(bundle, language, need(f, "kg")));
                // The certificate's number is a link among the order's facts; in a sentence it would break across lines.
                case "FULFILLED" -> bundle.getString("restoration.history.FULFILLED");
                case "OVERDUE" -> format(bundle, language, "restoration.history.OVERDUE", need(f, "due"),
                        need(f, "planted"), need(f, "trees"));
                default -> plain;
            };
        } catch (IllegalArgumentException | MissingResourceException incomplete) {
            return plain;
        }
    }

    /** The remedy and the carbon lost, then the units to buy and the trees to replant where the order asks for them. */
    private static String registered(ResourceBundle bundle, Locale language, Map<String, String> f) {
        String remedy = bundle.getString("restoration.remedy." + need(f, "remedy"));
        StringBuilder sentence = new StringBuilder(format(bundle, language, "restoration.history.REGISTERED", remedy,
                kg(bundle, language, need(f, "carbonLossKg"))));
        if (f.containsKey("purchaseKg")) {
            sentence.append(format(bundle, language, "restoration.history.REGISTERED.purchase",
                    kg(bundle, language, f.get("purchaseKg"))));
        }
        if (f.containsKey("trees")) {
            sentence.append(format(bundle, language, "restoration.history.REGISTERED.replant", f.get("trees"),
                    need(f, "species"), need(f, "due")));
        }
        return sentence.toString();
    }

    /** A quantity: kilograms under a tonne, tonnes (up to three decimals) from one tonne on. */
    static String kg(ResourceBundle bundle, Locale language, String kg) {
        BigDecimal value = new BigDecimal(kg);
        return value.compareTo(BigDecimal.valueOf(1000)) < 0
                ? format(bundle, language, "restoration.history.kg", value.toPlainString())
                : format(bundle, language, "restoration.history.t",
                        value.movePointLeft(3).stripTrailingZeros().toPlainString());
    }

    static String yuan(ResourceBundle bundle, Locale language, String fen) {
        return format(bundle, language, "restoration.history.yuan", Formats.yuanOf(Long.parseLong(fen)));
    }

    private static String need(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The step has no field " + name);
        }
        return value;
    }

    private static String format(ResourceBundle bundle, Locale language, String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), language).format(arguments);
    }
}
