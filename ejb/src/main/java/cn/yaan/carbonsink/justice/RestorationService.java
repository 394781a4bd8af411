package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.SinkProject;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Decimals;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.ResidentIds;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.persistence.TypedQuery;


import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Court-ordered restoration (碳汇+司法): registering an order with its carbon-loss calculation, reading and listing
 * orders, and the daily overdue check. Fieldwork is {@link PlantingService}, units in lieu are
 * {@link RestorationPaymentService}. A court's users see only their court's orders (another court's order is
 * answered 404); forestry officers see all.
 */
@Stateless
public class RestorationService {

    /** Characters of a defendant's name and of a replanting site. */
    static final int NAME_MAX = 50;
    static final int SITE_MAX = 200;
    static final Decimals.Range AREA_MU = Decimals.Range.above("0", "10000000", 2);
    static final Decimals.Range SURVIVAL_THRESHOLD = Decimals.Range.between("1", "100", 2);

    private static final String REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    CarbonCalculator calculator;

    @Inject
    PersonalData personalData;

    @Inject
    RestorationOrders orders;

    // ---------------------------------------------------------------- registering

    @Schema(name = "NewDefendant")
    public record Defendant(@NotBlank @Schema(maxLength = NAME_MAX) String name, @NotBlank @Size(max = 30) String idNumber) {
    }

    @Schema(name = "NewDamage")
    public record DamageItem(@NotBlank @Size(max = 40) String species,
                             @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") @Digits(integer = 6, fraction = 4) BigDecimal volumeM3,
                             @Min(1) @Max(1_000_000) Integer trees,
                             @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000000") @Digits(integer = 8, fraction = 2) BigDecimal areaMu) {
    }

    /** The replanting a court orders; what is left out takes the defaults of {@link RestorationOrder}. */
    public record NewReplant(@NotNull @Min(1) @Max(1_000_000) Integer trees,
                             @NotBlank @Schema(maxLength = Species.NAME_MAX) String species,
                             @NotBlank @Schema(maxLength = SITE_MAX) String site,
                             @DecimalMin("1") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal survivalThreshold,
                             @NotNull LocalDate dueDate,
                             @Size(max = 5) List<@NotNull @Min(1) @Max(10) Integer> inspectionYears,
                             @Min(1) @Max(10) Integer tendingYears) {
    }

    @Schema(name = "NewRestorationOrder")
    public record NewOrder(@NotBlank @Size(max = 60) @Schema(examples = "(2025)川1802刑初123号") String caseNumber,
                           @NotNull @Schema(examples = "2025-03-01") LocalDate judgmentDate,
                           @NotEmpty @Size(max = 20) List<@NotNull @Valid Defendant> defendants,
                           @NotEmpty @Size(max = 50) List<@NotNull @Valid DamageItem> damage,
                           @NotNull Remedy remedy,
                           @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal multiplier,
                           @Valid NewReplant replant) {
    }

    /** Registers a court's order: 400 for invalid fields, 409 {@code duplicate-case} for a case number already registered by the court. */
    public RestorationOrder register(@NotNull @Valid NewOrder o, Caller caller) {
        String court = orders.requireCourt(caller);
        LocalDate today = clock.today();
        String caseNumber = CaseNumbers.parse(o.caseNumber()).map(CaseNumbers.CaseNumber::canonical)
                .orElseThrow(() -> BusinessException.invalid("caseNumber",
                        "A case number looks like (2025)川1802刑初123号: year, court code, case type, sequence, 号."));
        if (o.judgmentDate().isAfter(today)) {
            throw BusinessException.invalid("judgmentDate", "The judgment date cannot be in the future.");
        }
        List<ResidentIds.ResidentId> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < o.defendants().size(); i++) {
            names.add(FreeText.required("defendants[" + i + "].name", o.defendants().get(i).name(), NAME_MAX));
            ResidentIds.ResidentId id = ResidentIds.parse("defendants[" + i + "].idNumber", o.defendants().get(i).idNumber(), today);
            if (!seen.add(id.number())) {
                throw BusinessException.invalid("defendants[" + i + "].idNumber", "The same defendant is listed twice.");
            }
            ids.add(id);
        }
        for (int i = 0; i < o.damage().size(); i++) {
            if (o.damage().get(i).areaMu() != null) {
                AREA_MU.require("damage[" + i + "].areaMu", o.damage().get(i).areaMu());
            }
        }
        BigDecimal multiplier = o.multiplier() == null ? BigDecimal.ONE : o.multiplier();
        RestorationOrder.Replant replant = replantOf(o.remedy(), o.replant(), o.judgmentDate());
        CarbonCalculator.Result result = calculator.calculate(o.damage().stream()
                .map(d -> new CarbonCalculator.Damage(d.species(), d.volumeM3())).toList(), multiplier);
        long carbonLossKg = result.calculation().kg();
        long purchaseKg = o.remedy().purchasesFromTheStart() ? result.purchaseKg() : 0;
        if (o.remedy().purchasesFromTheStart() && purchaseKg == 0) {
            throw BusinessException.invalid("damage", "The carbon lost rounds to 0 kg: there are no units to buy in lieu.");
        }
        if (!em.createNamedQuery("RestorationOrder.byCourtAndCase", RestorationOrder.class).setParameter("court", court)
                .setParameter("caseNumber", caseNumber).getResultList().isEmpty()) {
            throw BusinessException.conflict("duplicate-case", "Your court has registered the case " + caseNumber + " already.");
        }
        List<String> working = new ArrayList<>(result.calculation().working());
        if (multiplier.compareTo(BigDecimal.ONE) != 0 && purchaseKg > 0) {
            working.add("units in lieu = " + carbonLossKg + " kg x " + multiplier.stripTrailingZeros().toPlainString()
                    + " = " + purchaseKg + " kg");
        }
        Instant now = clock.now();
        RestorationOrder order = new RestorationOrder(newReference(), court, caseNumber, o.judgmentDate(), o.remedy(),
                carbonLossKg, multiplier, purchaseKg, amountFen(purchaseKg), working, replant, caller.username(), now);
        em.persist(order);
        em.flush();
        for (int i = 0; i < ids.size(); i++) {
            String number = ids.get(i).number();
            em.persist(new RestorationDefendant(order.id(), i, personalData.protect(names.get(i)),
                    personalData.protect(number), personalData.lookupHash(number)));
        }
        for (int i = 0; i < o.damage().size(); i++) {
            DamageItem d = o.damage().get(i);
            em.persist(new RestorationDamage(order.id(), i, result.used().get(i), d.volumeM3(), d.trees(), d.areaMu()));
        }
        orders.event(order, caller.username(), "REGISTERED", o.remedy() + ", carbon lost " + carbonLossKg + " kg"
                + (purchaseKg > 0 ? ", units in lieu " + purchaseKg + " kg" : "")
                + (replant != null ? ", replant " + replant.trees() + " " + replant.species() + " by " + replant.dueDate() : ""),
                RestorationOrders.fields("remedy", o.remedy(), "carbonLossKg", carbonLossKg,
                        "purchaseKg", purchaseKg > 0 ? purchaseKg : null,
                        "trees", replant != null ? replant.trees() : null,
                        "species", replant != null ? replant.species() : null,
                        "due", replant != null ? replant.dueDate() : null));
        return order;
    }

    private static RestorationOrder.Replant replantOf(Remedy remedy, NewReplant r, LocalDate judgmentDate) {
        if (!remedy.replants()) {
            if (r != null) {
                throw BusinessException.invalid("replant", "A PURCHASE_IN_LIEU order has no replanting; leave replant out.");
            }
            return null;
        }
        if (r == null) {
            throw BusinessException.invalid("replant", "A " + remedy + " order needs its replanting: trees, species, site, due date.");
        }
        if (r.dueDate().isBefore(judgmentDate)) {
            throw BusinessException.invalid("replant.dueDate", "The due date cannot be before the judgment date.");
        }
        BigDecimal threshold = r.survivalThreshold() == null ? RestorationOrder.DEFAULT_THRESHOLD
                : SURVIVAL_THRESHOLD.require("replant.survivalThreshold", r.survivalThreshold());
        List<Integer> years = r.inspectionYears() == null || r.inspectionYears().isEmpty()
                ? RestorationOrder.DEFAULT_INSPECTION_YEARS : r.inspectionYears().stream().distinct().sorted().toList();
        return new RestorationOrder.Replant(r.trees(),
                FreeText.required("replant.species", r.species(), Species.NAME_MAX),
                FreeText.required("replant.site", r.site(), SITE_MAX), threshold, r.dueDate(), years,
                r.tendingYears() == null ? RestorationOrder.DEFAULT_TENDING_YEARS : r.tendingYears());
    }

    /** The court-facing price of units in lieu: {@code carbonsink.restoration.price-fen-per-tonne} (default 80 元/t). */
    static long amountFen(long kg) {
        return SinkProject.amountFen(kg, Long.parseLong(Settings.get("carbonsink.restoration.price-fen-per-tonne", "8000")));
    }

    private static String newReference() {
        StringBuilder s = new StringBuilder("RO-");
        for (int i = 0; i < 10; i++) {
            s.append(REFERENCE_LETTERS.charAt(RANDOM.nextInt(REFERENCE_LETTERS.length())));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- reading

    /** An order the caller may see: its own court's, or any for an officer; 404 otherwise. */
    public RestorationOrder find(long id, Caller caller) {
        return orders.find(id, caller);
    }

    /**
     * The id of the order with this reference (a ledger order's, for units in lieu) if the caller may see it: its own
     * court's, or any for an officer. Reads without refusing, so a caller without access gets nothing, not a 404.
     */
    public Optional<Long> visibleIdOf(String reference, Caller caller) {
        if (reference == null) {
            return Optional.empty();
        }
        boolean all = caller.has(Role.OFFICER);
        if (!all && caller.organisationCode() == null) {
            return Optional.empty();
        }
        TypedQuery<Long> q = em.createQuery("select o.id from RestorationOrder o where o.reference = :reference"
                + (all ? "" : " and o.courtCode = :court"), Long.class).setParameter("reference", reference);
        if (!all) {
            q.setParameter("court", caller.organisationCode());
        }
        return q.getResultStream().findFirst();
    }

    public List<RestorationOrder> list(RestorationStatus status, Caller caller, int max) {
        boolean all = caller.has(Role.OFFICER);
        String jpql = "select o from RestorationOrder o where 1 = 1" + (all ? "" : " and o.courtCode = :court")
                + (status == null ? "" : " and o.status = :status") + " order by o.id desc";
        TypedQuery<RestorationOrder> q = em.createQuery(jpql, RestorationOrder.class).setMaxResults(max);
        if (!all) {
            q.setParameter("court", orders.requireCourt(caller));
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        return q.getResultList();
    }

    /** A defendant as the order's readers see them: name and ID number masked. */
    public record MaskedDefendant(String name, String idNumber) {
    }

    public record DamageView(String species, BigDecimal volumeM3, Integer trees, BigDecimal areaMu, BigDecimal svd,
                             BigDecimal bef, BigDecimal rootShoot, BigDecimal carbonFraction, String source,
                             int parameterVersion, boolean estimate) {
    }

    /** Everything about an order beyond its own row. */
    public record Details(List<MaskedDefendant> defendants, List<DamageView> damage, List<RestorationPlanting> plantings,
                          Map<Long, List<Long>> photos, List<RestorationInspection> inspections,
                          List<RestorationEvent> timeline, String courtName) {
    }

    public Details details(RestorationOrder order) {
        List<MaskedDefendant> defendants = em.createNamedQuery("RestorationDefendant.ofOrder", RestorationDefendant.class)
                .setParameter("order", order.id()).getResultStream()
                .map(d -> new MaskedDefendant(Masking.name(personalData.reveal(d.nameSealed)),
                        Masking.idNumber(personalData.reveal(d.idSealed)))).toList();
        List<DamageView> damage = em.createNamedQuery("RestorationDamage.ofOrder", RestorationDamage.class)
                .setParameter("order", order.id()).getResultStream()
                .map(d -> new DamageView(d.species, d.volumeM3, d.trees, d.areaMu, d.svd, d.bef, d.rootShoot,
                        d.carbonFraction, d.source, d.parameterVersion, d.estimate)).toList();
        Map<Long, List<Long>> photos = new HashMap<>();
        em.createNamedQuery("RestorationPhoto.idsOfOrder", Object[].class).setParameter("order", order.id())
                .getResultStream().forEach(row -> photos.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Long) row[1]));
        return new Details(defendants, damage,
                em.createNamedQuery("RestorationPlanting.ofOrder", RestorationPlanting.class).setParameter("order", order.id()).getResultList(),
                photos,
                em.createNamedQuery("RestorationInspection.ofOrder", RestorationInspection.class).setParameter("order", order.id()).getResultList(),
                em.createNamedQuery("RestorationEvent.ofOrder", RestorationEvent.class).setParameter("order", order.id()).getResultList(),
                orders.courtName(order.courtCode()));
    }

    // ---------------------------------------------------------------- overdue

    public List<Long> overdueCandidates(int max) {
        return em.createNamedQuery("RestorationOrder.overdueCandidates", Long.class)
                .setParameter("today", clock.today()).setMaxResults(max).getResultList();
    }

    /** Marks one order OVERDUE if it still is, under its row lock (safe when several nodes run the job). */
    public boolean markOverdue(long id) {
        RestorationOrder order = RowLocks.byId(em, RestorationOrder.class, id);
        if (order == null || !order.overdueOn(clock.today())) {
            return false;
        }
        order.overdue();
        orders.event(order, "system", "OVERDUE", "due " + order.dueDate() + ", " + order.plantedTrees() + " of "
                + order.replantTrees() + " planted", RestorationOrders.fields("due", order.dueDate(),
                "planted", order.plantedTrees(), "trees", order.replantTrees()));
        orders.publish(IntegrationEvent.Type.RESTORATION_OVERDUE, order,
                "dueDate", order.dueDate());
        return true;
    }
}
