package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A court's restoration order (生态修复判决) and the rules of its status. The rules are plain methods on the entity,
 * so they are unit-tested without a database; the service locks the row before it calls them.
 */
@Entity
@Table(name = "restoration_order")
@NamedQuery(name = "RestorationOrder.byCourtAndCase",
        query = "select o from RestorationOrder o where o.courtCode = :court and o.caseNumber = :caseNumber")
@NamedQuery(name = "RestorationOrder.byReference", query = "select o from RestorationOrder o where o.reference = :reference")
@NamedQuery(name = "RestorationOrder.idByReference", query = "select o.id from RestorationOrder o where o.reference = :reference")
@NamedQuery(name = "RestorationOrder.overdueCandidates",
        query = "select o.id from RestorationOrder o where o.status in (cn.yaan.carbonsink.justice.RestorationStatus.REGISTERED, "
                + "cn.yaan.carbonsink.justice.RestorationStatus.IN_PROGRESS) and o.dueDate < :today "
                + "and o.replantDone = false and o.plantedTrees < o.replantTrees order by o.id")
public class RestorationOrder {

    /** Default survival threshold at acceptance, in percent (judgments say 85% or 90%). */
    public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("85");
    /** Default inspection schedule: years after the planting due date. */
    public static final List<Integer> DEFAULT_INSPECTION_YEARS = List.of(1, 3);
    public static final int DEFAULT_TENDING_YEARS = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, unique = true, length = 20)
    String reference;
    @Column(name = "court_code", nullable = false, length = 64)
    String courtCode;
    @Column(name = "case_number", nullable = false, length = 60)
    String caseNumber;
    @Column(name = "judgment_date", nullable = false)
    LocalDate judgmentDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    Remedy remedy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    RestorationStatus status = RestorationStatus.REGISTERED;
    @Column(name = "carbon_loss_kg", nullable = false)
    long carbonLossKg;
    @Column(nullable = false, precision = 8, scale = 4)
    BigDecimal multiplier;
    @Column(name = "purchase_kg", nullable = false)
    long purchaseKg;
    @Column(name = "amount_fen", nullable = false)
    long amountFen;
    @Column(name = "retired_kg", nullable = false)
    long retiredKg;
    @Column(name = "serial_blocks", nullable = false, length = 1_000_000)
    String serialBlocks = "";
    @Column(nullable = false, length = 4000)
    String calculation;
    @Column(name = "replant_trees")
    Integer replantTrees;
    @Column(name = "replant_species", length = 80)
    String replantSpecies;
    @Column(name = "replant_site", length = 400)
    String replantSite;
    @Column(name = "survival_threshold", precision = 5, scale = 2)
    BigDecimal survivalThreshold;
    @Column(name = "due_date")
    LocalDate dueDate;
    @Column(name = "inspection_years", length = 40)
    String inspectionYears;
    @Column(name = "tending_years")
    Integer tendingYears;
    @Column(name = "planted_trees", nullable = false)
    int plantedTrees;
    @Column(name = "surviving_trees")
    Integer survivingTrees;
    @Column(name = "replant_done", nullable = false)
    boolean replantDone;
    @Column(name = "unit_order_id")
    Long unitOrderId;
    @Column(name = "certificate_number", length = 20)
    String certificateNumber;
    @Column(name = "created_by", nullable = false, length = 64)
    String createdBy;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "fulfilled_at")
    Instant fulfilledAt;
    @Version
    long version;

    protected RestorationOrder() {
    }

    /** The replanting part of an order. */
    public record Replant(int trees, String species, String site, BigDecimal survivalThreshold, LocalDate dueDate,
                          List<Integer> inspectionYears, int tendingYears) {
    }

    RestorationOrder(String reference, String courtCode, String caseNumber, LocalDate judgmentDate, Remedy remedy,
                     long carbonLossKg, BigDecimal multiplier, long purchaseKg, long amountFen, List<String> calculation,
                     Replant replant, String createdBy, Instant createdAt) {
        this.reference = reference;
        this.courtCode = courtCode;
        this.caseNumber = caseNumber;
        this.judgmentDate = judgmentDate;
        this.remedy = remedy;
        this.carbonLossKg = carbonLossKg;
        this.multiplier = multiplier;
        this.purchaseKg = purchaseKg;
        this.amountFen = amountFen;
        this.calculation = String.join("\n", calculation);
        if (replant != null) {
            this.replantTrees = replant.trees();
            this.replantSpecies = replant.species();
            this.replantSite = replant.site();
            this.survivalThreshold = replant.survivalThreshold();
            this.dueDate = replant.dueDate();
            this.inspectionYears = replant.inspectionYears().stream().map(String::valueOf).collect(Collectors.joining(","));
            this.tendingYears = replant.tendingYears();
        }
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    // ---------------------------------------------------------------- rules

    /** Surviving trees the final inspection must find: the ordered trees times the threshold, rounded up. */
    public static int requiredSurviving(int orderedTrees, BigDecimal thresholdPercent) {
        return new BigDecimal(orderedTrees).multiply(thresholdPercent)
                .divide(new BigDecimal(100), 0, RoundingMode.CEILING).intValueExact();
    }

    /**
     * Units in lieu of a replanting shortfall: the share of the required surviving trees that is missing, of the
     * carbon lost times the multiplier, whole kg rounded half up (at least 1 kg when any tree is missing).
     */
    public static long shortfallKg(long carbonLossKg, BigDecimal multiplier, int required, int surviving) {
        if (surviving >= required || required == 0) {
            return 0;
        }
        long kg = new BigDecimal(carbonLossKg).multiply(multiplier).multiply(new BigDecimal(required - surviving))
                .divide(new BigDecimal(required), 0, RoundingMode.HALF_UP).longValueExact();
        return Math.max(1, kg);
    }

    /** Surviving over planted trees in percent, two decimals, rounded down (never up into compliance). */
    public static BigDecimal survivalRate(int surviving, int planted) {
        return planted == 0 ? BigDecimal.ZERO.setScale(2)
                : new BigDecimal(surviving).multiply(new BigDecimal(100)).divide(new BigDecimal(planted), 2, RoundingMode.DOWN);
    }

    boolean closed() {
        return status == RestorationStatus.FULFILLED;
    }

    /** Kilograms of units in lieu still to be retired. */
    public long outstandingKg() {
        return Math.max(0, purchaseKg - retiredKg);
    }

    /** A step was taken: a registered order is in progress from now on. */
    void started() {
        if (status == RestorationStatus.REGISTERED) {
            status = RestorationStatus.IN_PROGRESS;
        }
    }

    void planted(int trees) {
        plantedTrees += trees;
        started();
        if (status == RestorationStatus.OVERDUE && plantedTrees >= replantTrees) {
            status = RestorationStatus.IN_PROGRESS;
        }
    }

    /** Whether an inspection on this day is the final one: on or after the last scheduled inspection. */
    boolean finalInspectionOn(LocalDate day) {
        int last = inspectionYears().stream().mapToInt(Integer::intValue).max().orElse(0);
        return !day.isBefore(dueDate.plusYears(last));
    }

    /**
     * Records an inspection. At the final one the replanting is accepted when enough trees survive; otherwise a
     * REPLANT_ELSE_PURCHASE order converts the shortfall into units in lieu ({@code CONVERTED}), and the other
     * replanting orders stay open for more planting and another inspection. Returns the kilograms converted (0 if
     * none).
     */
    long inspected(int surviving, boolean finalCheck) {
        survivingTrees = surviving;
        started();
        if (!finalCheck) {
            return 0;
        }
        int required = requiredSurviving(replantTrees, survivalThreshold);
        if (surviving >= required) {
            replantDone = true;
            return 0;
        }
        if (remedy == Remedy.REPLANT_ELSE_PURCHASE) {
            purchaseKg = shortfallKg(carbonLossKg, multiplier, required, surviving);
            status = RestorationStatus.CONVERTED;
            return purchaseKg;
        }
        return 0;
    }

    void unitsRetired(long kg, List<String> blocks) {
        retiredKg += kg;
        List<String> all = new ArrayList<>(serialBlocks());
        all.addAll(blocks);
        serialBlocks = String.join(",", all);
        started();
    }

    /** Whether everything the order asks for is done: replanting accepted (or converted) and units retired. */
    boolean complete() {
        boolean converted = remedy == Remedy.REPLANT_ELSE_PURCHASE && purchaseKg > 0;
        boolean replantSettled = !remedy.replants() || replantDone || converted;
        return replantSettled && retiredKg >= purchaseKg;
    }

    /** Everything the order asks for is done; the court's certificate has this number. */
    void fulfilled(Instant at, String certificateNumber) {
        if (closed()) {
            throw new IllegalStateException("Order " + reference + " was fulfilled already");
        }
        status = RestorationStatus.FULFILLED;
        fulfilledAt = at;
        this.certificateNumber = certificateNumber;
    }

    /** The clerk ordered the units in lieu through the ledger; the order is under way. */
    void purchaseOrdered(long unitOrderId) {
        if (closed()) {
            throw new IllegalStateException("Order " + reference + " was fulfilled already");
        }
        this.unitOrderId = unitOrderId;
        started();
    }

    /** The planting due date passed with trees unplanted ({@link #overdueOn}). */
    void overdue() {
        if (status != RestorationStatus.REGISTERED && status != RestorationStatus.IN_PROGRESS) {
            throw new IllegalStateException("Order " + reference + " is " + status + " and cannot become overdue");
        }
        status = RestorationStatus.OVERDUE;
    }

    /** An order whose planting due date passed with trees still unplanted. */
    boolean overdueOn(LocalDate today) {
        return (status == RestorationStatus.REGISTERED || status == RestorationStatus.IN_PROGRESS)
                && remedy.replants() && dueDate != null && today.isAfter(dueDate) && !replantDone
                && plantedTrees < replantTrees;
    }

    // ---------------------------------------------------------------- reading

    public Long id() { return id; }
    public String reference() { return reference; }
    public String courtCode() { return courtCode; }
    public String caseNumber() { return caseNumber; }
    public LocalDate judgmentDate() { return judgmentDate; }
    public Remedy remedy() { return remedy; }
    public RestorationStatus status() { return status; }
    public long carbonLossKg() { return carbonLossKg; }
    public BigDecimal multiplier() { return multiplier; }
    public long purchaseKg() { return purchaseKg; }
    public long amountFen() { return amountFen; }
    public long retiredKg() { return retiredKg; }
    public List<String> serialBlocks() {
        return serialBlocks.isEmpty() ? List.of() : Arrays.asList(serialBlocks.split(","));
    }
    public List<String> calculation() { return Arrays.asList(calculation.split("\n")); }
    public Integer replantTrees() { return replantTrees; }
    public String replantSpecies() { return replantSpecies; }
    public String replantSite() { return replantSite; }
    public BigDecimal survivalThreshold() { return survivalThreshold; }
    public LocalDate dueDate() { return dueDate; }
    public List<Integer> inspectionYears() {
        return inspectionYears == null || inspectionYears.isEmpty() ? List.of()
                : Arrays.stream(inspectionYears.split(",")).map(Integer::valueOf).toList();
    }
    public Integer tendingYears() { return tendingYears; }
    public int plantedTrees() { return plantedTrees; }
    public Integer survivingTrees() { return survivingTrees; }
    public boolean replantDone() { return replantDone; }
    public Long unitOrderId() { return unitOrderId; }
    public String certificateNumber() { return certificateNumber; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant fulfilledAt() { return fulfilledAt; }
}
