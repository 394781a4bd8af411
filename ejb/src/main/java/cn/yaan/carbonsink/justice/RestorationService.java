package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Organisation;
import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.Issuance;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.ProjectService;
import cn.yaan.carbonsink.ledger.RetirementService;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.SinkProject;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.ledger.OrderRenewal;
import jakarta.enterprise.event.Observes;
import cn.yaan.carbonsink.shared.Decimals;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.ResidentIds;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.shared.Sha256;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Court-ordered restoration (碳汇+司法): registering an order with its carbon-loss calculation, recording plantings,
 * inspections, purchases and offline payments, and issuing the RESTORATION certificate once everything is done.
 * A court's users see only their court's orders (another court's order is answered 404); forestry officers see all.
 * Every change locks the order's row first, so two nodes never apply the same step twice.
 */
@Stateless
public class RestorationService {

    /** Characters of a defendant's name and of a replanting site. */
    static final int NAME_MAX = 50;
    static final int SITE_MAX = 200;
    static final Decimals.Range AREA_MU = Decimals.Range.above("0", "10000000", 2);
    static final Decimals.Range SURVIVAL_THRESHOLD = Decimals.Range.between("1", "100", 2);
    static final Decimals.Range LATITUDE = Decimals.Range.between("-90", "90", 6);
    static final Decimals.Range LONGITUDE = Decimals.Range.between("-180", "180", 6);

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
    OrderService orders;

    @Inject
    ProjectService projects;

    @Inject
    RetirementService retirements;

    @Inject
    CertificateService certificates;

    // ---------------------------------------------------------------- registering

    public record Defendant(String name, String idNumber) {
    }

    public record DamageItem(String species, BigDecimal volumeM3, Integer trees, BigDecimal areaMu) {
    }

    public record NewOrder(String caseNumber, LocalDate judgmentDate, List<Defendant> defendants,
                           List<DamageItem> damage, Remedy remedy, BigDecimal multiplier, RestorationOrder.Replant replant) {
    }

    /** Registers a court's order: 400 for invalid fields, 409 {@code duplicate-case} for a case number already registered by the court. */
    public RestorationOrder register(NewOrder o, Caller caller) {
        String court = requireCourt(caller);
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
            Species species = em.find(Species.class, FreeText.normalise(d.species()));
            em.persist(new RestorationDamage(order.id(), i, species.parameters(), d.volumeM3(), d.trees(), d.areaMu()));
        }
        event(order, caller.username(), "REGISTERED", o.remedy() + ", carbon lost " + carbonLossKg + " kg"
                + (purchaseKg > 0 ? ", units in lieu " + purchaseKg + " kg" : "")
                + (replant != null ? ", replant " + replant.trees() + " " + replant.species() + " by " + replant.dueDate() : ""));
        return order;
    }

    private static RestorationOrder.Replant replantOf(Remedy remedy, RestorationOrder.Replant r, LocalDate judgmentDate) {
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
                r.tendingYears() == 0 ? RestorationOrder.DEFAULT_TENDING_YEARS : r.tendingYears());
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
        return visible(em.find(RestorationOrder.class, id), id, caller);
    }

    private RestorationOrder locked(long id, Caller caller) {
        return visible(RowLocks.byId(em, RestorationOrder.class, id), id, caller);
    }

    /** The restoration order a ledger order was made for, locked; null when the reference is not one. */
    private RestorationOrder byReference(String reference) {
        return em.createNamedQuery("RestorationOrder.idByReference", Long.class).setParameter("reference", reference)
                .getResultStream().findFirst().map(id -> RowLocks.byId(em, RestorationOrder.class, id)).orElse(null);
    }

    /**
     * A payment came for an expired purchase: the units are held again only while the order still needs them (the
     * court may have recorded an offline payment, or ordered again, meanwhile); otherwise the money is owed back.
     */
    public void onRenewal(@Observes OrderRenewal renewal) {
        if (renewal.purpose() != OrderPurpose.RESTORATION) {
            return;
        }
        RestorationOrder order = byReference(renewal.reference());
        if (order != null && (order.closed() || !Long.valueOf(renewal.orderId()).equals(order.unitOrderId())
                || order.outstandingKg() == 0)) {
            renewal.refuse();
        }
    }

    private static RestorationOrder visible(RestorationOrder order, long id, Caller caller) {
        if (order == null || !caller.has(Role.OFFICER) && !order.courtCode().equals(caller.organisationCode())) {
            throw BusinessException.notFound("No restoration order " + id + ".");
        }
        return order;
    }

    public List<RestorationOrder> list(RestorationStatus status, Caller caller, int max) {
        boolean all = caller.has(Role.OFFICER);
        String jpql = "select o from RestorationOrder o where 1 = 1" + (all ? "" : " and o.courtCode = :court")
                + (status == null ? "" : " and o.status = :status") + " order by o.id desc";
        TypedQuery<RestorationOrder> q = em.createQuery(jpql, RestorationOrder.class).setMaxResults(max);
        if (!all) {
            q.setParameter("court", requireCourt(caller));
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
                             BigDecimal bef, BigDecimal rootShoot, BigDecimal carbonFraction, String source) {
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
                        d.carbonFraction, d.source)).toList();
        Map<Long, List<Long>> photos = new HashMap<>();
        em.createNamedQuery("RestorationPhoto.idsOfOrder", Object[].class).setParameter("order", order.id())
                .getResultStream().forEach(row -> photos.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Long) row[1]));
        return new Details(defendants, damage,
                em.createNamedQuery("RestorationPlanting.ofOrder", RestorationPlanting.class).setParameter("order", order.id()).getResultList(),
                photos,
                em.createNamedQuery("RestorationInspection.ofOrder", RestorationInspection.class).setParameter("order", order.id()).getResultList(),
                em.createNamedQuery("RestorationEvent.ofOrder", RestorationEvent.class).setParameter("order", order.id()).getResultList(),
                courtName(order.courtCode()));
    }

    // ---------------------------------------------------------------- fulfilment

    public record NewPlanting(LocalDate date, int trees, String species, BigDecimal latitude, BigDecimal longitude) {
    }

    /** An officer records trees planted for a replanting order. */
    public RestorationOrder plant(long id, NewPlanting p, Caller caller) {
        RestorationOrder order = locked(id, caller);
        requireOpen(order);
        if (!order.remedy().replants()) {
            throw BusinessException.conflict("no-replanting", "A PURCHASE_IN_LIEU order has no replanting.");
        }
        if (order.status() == RestorationStatus.CONVERTED) {
            throw BusinessException.conflict("converted", "The shortfall of this order was converted into units in lieu.");
        }
        notBefore("date", p.date(), order.judgmentDate(), "the judgment date");
        notFuture("date", p.date());
        String species = FreeText.required("species", p.species(), Species.NAME_MAX);
        LATITUDE.require("latitude", p.latitude());
        LONGITUDE.require("longitude", p.longitude());
        em.persist(new RestorationPlanting(order.id(), p.date(), p.trees(), species, p.latitude(),
                p.longitude(), caller.username(), clock.now()));
        order.planted(p.trees());
        event(order, caller.username(), "PLANTED", p.trees() + " " + species + " on " + p.date()
                + " at " + p.latitude().toPlainString() + "," + p.longitude().toPlainString()
                + " (" + order.plantedTrees() + " of " + order.replantTrees() + " planted)");
        fulfilIfComplete(order, caller.username());
        return order;
    }

    /**
     * An officer adds a photo to a planting of an open order: re-encoded by {@link PlantingPhotos}, at most
     * {@link RestorationPhoto#MAX_PER_PLANTING} per planting (409 {@code too-many-photos}).
     */
    public RestorationPhoto addPhoto(long id, long plantingId, byte[] upload, Caller caller) {
        RestorationOrder order = locked(id, caller);
        requireOpen(order);
        RestorationPlanting planting = em.find(RestorationPlanting.class, plantingId);
        if (planting == null || planting.orderId != order.id()) {
            throw BusinessException.notFound("No planting " + plantingId + " of order " + id + ".");
        }
        if (em.createNamedQuery("RestorationPhoto.countOfPlanting", Long.class).setParameter("planting", plantingId)
                .getSingleResult() >= RestorationPhoto.MAX_PER_PLANTING) {
            throw BusinessException.conflict("too-many-photos", "A planting has at most "
                    + RestorationPhoto.MAX_PER_PLANTING + " photos.");
        }
        PlantingPhotos.Photo photo = PlantingPhotos.reencode(upload);
        RestorationPhoto stored = new RestorationPhoto(order.id(), plantingId, photo, Sha256.hex(photo.jpeg()),
                caller.username(), clock.now());
        em.persist(stored);
        em.flush();
        event(order, caller.username(), "PHOTO", "photo " + stored.id() + " of the planting on " + planting.plantedOn()
                + " (" + photo.width() + " x " + photo.height() + ")");
        return stored;
    }

    /** A photo of an order the caller may see; 404 otherwise. */
    public RestorationPhoto photo(long id, long photoId, Caller caller) {
        RestorationOrder order = find(id, caller);
        RestorationPhoto photo = em.find(RestorationPhoto.class, photoId);
        if (photo == null || photo.orderId != order.id()) {
            throw BusinessException.notFound("No photo " + photoId + " of order " + id + ".");
        }
        return photo;
    }

    /**
     * An officer records a survival inspection. {@code finalCheck} null: final when on or after the last scheduled
     * inspection (years after the planting due date).
     */
    public RestorationOrder inspect(long id, LocalDate date, int surviving, Boolean finalCheck, Caller caller) {
        RestorationOrder order = locked(id, caller);
        requireOpen(order);
        if (!order.remedy().replants()) {
            throw BusinessException.conflict("no-replanting", "A PURCHASE_IN_LIEU order has no replanting to inspect.");
        }
        if (order.status() == RestorationStatus.CONVERTED) {
            throw BusinessException.conflict("converted", "The shortfall of this order was converted into units in lieu.");
        }
        if (order.plantedTrees() == 0) {
            throw BusinessException.unprocessable("nothing-planted", "No planting is recorded for this order yet.");
        }
        if (surviving > order.plantedTrees()) {
            throw BusinessException.invalid("survivingTrees", "Only " + order.plantedTrees() + " trees were planted.");
        }
        notFuture("date", date);
        notBefore("date", date, order.judgmentDate(), "the judgment date");
        boolean last = finalCheck != null ? finalCheck : order.finalInspectionOn(date);
        RestorationInspection inspection = new RestorationInspection(order.id(), date, order.plantedTrees(), surviving,
                last, caller.username(), clock.now());
        em.persist(inspection);
        long converted = order.inspected(surviving, last);
        int required = RestorationOrder.requiredSurviving(order.replantTrees(), order.survivalThreshold());
        event(order, caller.username(), last ? "FINAL_INSPECTION" : "INSPECTION", surviving + " of "
                + order.plantedTrees() + " surviving on " + date + " (" + inspection.survivalRate().toPlainString()
                + "%; " + required + " required at the final inspection)");
        if (converted > 0) {
            event(order, caller.username(), "CONVERTED", (required - surviving) + " trees short: " + converted
                    + " kg of units in lieu due");
        }
        fulfilIfComplete(order, caller.username());
        return order;
    }

    /**
     * Creates the ledger order for the units in lieu still due (purpose RESTORATION, reference = the order's), owned
     * by the calling clerk, who pays it or passes its payment id to the defendant. 409 when nothing is due or an
     * earlier purchase is still waiting for its payment.
     */
    public UnitOrder purchase(long id, String projectCode, Caller caller) {
        // The ledger's lock order: its rows first, the restoration order's after (see LedgerLocks). What was read
        // before the lock is checked again under it, so two clerks ordering at once end with one purchase.
        RestorationOrder read = find(id, caller);
        requireOpen(read);
        requirePurchaseDue(read);
        UnitOrder unitOrder = orders.reserve(new OrderService.ReserveRequest(OrderPurpose.RESTORATION,
                courtName(read.courtCode()), read.reference(), projectCode, read.outstandingKg(), caller.username()));
        RestorationOrder order = RowLocks.fresh(em, read);
        requireOpen(order);
        requirePurchaseDue(order);
        if (order.outstandingKg() != unitOrder.quantityKg()) {
            throw BusinessException.conflict("concurrent-change", "The units due changed at the same moment; try again.");
        }
        order.unitOrderId = unitOrder.id();
        order.started();
        event(order, caller.username(), "PURCHASE_ORDERED", "ledger order " + unitOrder.id() + " for "
                + unitOrder.quantityKg() + " kg, " + unitOrder.amountFen() + " fen, payment " + unitOrder.paymentId());
        return unitOrder;
    }

    /**
     * The clerk records that the defendant paid into the court's own account: the units are retired at once from a
     * project with enough available units (or the one named). 422 when the amount is below the order's amount.
     */
    public RestorationOrder offlinePayment(long id, String receiptNo, long amountFen, String projectCode, Caller caller) {
        RestorationOrder order = find(id, caller);
        requireOpen(order);
        requirePurchaseDue(order);
        long kg = order.outstandingKg();
        long due = amountFen(kg);
        if (amountFen < due) {
            throw BusinessException.unprocessable("amount-too-low", "The receipt of " + amountFen
                    + " fen is less than the " + due + " fen due for " + kg + " kg.");
        }
        String receipt = useReceipt(order, receiptNo, amountFen);
        String project = projectCode != null ? projectCode : projects.projectWithAvailable(kg);
        event(order, caller.username(), "PAID_OFFLINE", "receipt " + receipt + ", " + amountFen + " fen");
        // The ledger's lock order: the retirement locks the ledger's rows, then (through onRetired) this order,
        // which checks under its lock that the units are still due.
        retirements.retireDirect(project, kg, courtName(order.courtCode()), OrderPurpose.RESTORATION, order.reference(),
                "offline payment, receipt " + receipt, caller.username());
        return order;
    }

    /**
     * Records a bank receipt as used by this order: one receipt settles one order. 409 {@code receipt-used} when the
     * court recorded it before (also when two clerks record it at the same moment).
     */
    private String useReceipt(RestorationOrder order, String receiptNo, long amountFen) {
        String receipt = receiptNo.strip().toUpperCase(java.util.Locale.ROOT);
        BusinessException used = BusinessException.conflict("receipt-used", "The receipt " + receipt
                + " was recorded for a restoration order already; a receipt settles one order.");
        if (em.find(RestorationReceipt.class, new RestorationReceipt.Key(order.courtCode(), receipt)) != null) {
            throw used;
        }
        try {
            em.persist(new RestorationReceipt(order.courtCode(), receipt, order.id(), amountFen, clock.now()));
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw used;
        }
        return receipt;
    }

    private void requirePurchaseDue(RestorationOrder order) {
        if (order.outstandingKg() == 0) {
            throw BusinessException.conflict("no-purchase-due", "No units in lieu are due on this order"
                    + (order.remedy() == Remedy.REPLANT_ELSE_PURCHASE ? " unless the final inspection finds a shortfall." : "."));
        }
        if (order.unitOrderId() != null) {
            UnitOrder earlier = orders.order(order.unitOrderId());
            if (earlier.status() == OrderStatus.PENDING_PAYMENT && clock.now().isBefore(earlier.expiresAt())) {
                throw BusinessException.conflict("purchase-pending", "The ledger order " + earlier.id()
                        + " is waiting for its payment until " + earlier.expiresAt() + ".");
            }
        }
    }

    /**
     * Units were retired (in the retiring transaction): those for a restoration order (purpose RESTORATION,
     * reference = the order's reference), paid through a ledger order or recorded as paid offline, count towards it,
     * so the order is fulfilled and its certificate issued together with the retirement or not at all.
     */
    public void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() != OrderPurpose.RESTORATION || retired.reference() == null) {
            return;
        }
        RestorationOrder order = byReference(retired.reference());
        if (order == null) {
            return;
        }
        if (order.closed() || retired.quantityKg() > order.outstandingKg()) {
            throw BusinessException.conflict("no-purchase-due", "The units in lieu of this order were paid at the same "
                    + "moment; nothing more is due.");
        }
        order.unitsRetired(retired.quantityKg(), retired.serialBlocks());
        event(order, "ledger", "UNITS_RETIRED", retired.quantityKg() + " kg, retirement " + retired.retirementId()
                + ", serials " + String.join(",", retired.serialBlocks()));
        fulfilIfComplete(order, "ledger");
    }

    private void fulfilIfComplete(RestorationOrder order, String actor) {
        if (order.closed() || !order.complete()) {
            return;
        }
        Instant now = clock.now();
        order.fulfilled(now);
        Certificate certificate = certificates.issue(new CertificateService.Request(CertificateKind.RESTORATION,
                courtName(order.courtCode()), order.retiredKg(),
                order.replantDone() ? order.survivingTrees() : null, order.serialBlocks(),
                order.reference() + " " + order.caseNumber(),
                CertificateService.issuer()));
        order.certificateNumber = certificate.number();
        event(order, actor, "FULFILLED", "certificate " + certificate.number());
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
        order.status = RestorationStatus.OVERDUE;
        event(order, "system", "OVERDUE", "due " + order.dueDate() + ", " + order.plantedTrees() + " of "
                + order.replantTrees() + " planted");
        return true;
    }

    // ---------------------------------------------------------------- helpers

    private static String requireCourt(Caller caller) {
        if (caller.organisationCode() == null) {
            throw BusinessException.notFound("Your account belongs to no court.");
        }
        return caller.organisationCode();
    }

    private static void requireOpen(RestorationOrder order) {
        if (order.closed()) {
            throw BusinessException.conflict("order-fulfilled", "The order was fulfilled on " + order.fulfilledAt() + ".");
        }
    }

    private void notFuture(String field, LocalDate date) {
        if (date.isAfter(clock.today())) {
            throw BusinessException.invalid(field, "The date cannot be in the future.");
        }
    }

    private static void notBefore(String field, LocalDate date, LocalDate earliest, String what) {
        if (date.isBefore(earliest)) {
            throw BusinessException.invalid(field, "The date cannot be before " + what + " (" + earliest + ").");
        }
    }

    private String courtName(String code) {
        return em.createNamedQuery("Organisation.findByCode", Organisation.class).setParameter("code", code)
                .getResultStream().findFirst().map(Organisation::nameZh).orElse(code);
    }

    private void event(RestorationOrder order, String actor, String action, String detail) {
        em.persist(new RestorationEvent(order.id(), clock.now(), actor, action,
                detail.length() > 1000 ? detail.substring(0, 997) + "..." : detail));
    }
}
