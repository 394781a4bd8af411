package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.justice.CarbonCalculator;
import cn.yaan.carbonsink.justice.Remedy;
import cn.yaan.carbonsink.justice.RestorationOrder;
import cn.yaan.carbonsink.justice.PlantingService;
import cn.yaan.carbonsink.justice.RestorationPaymentService;
import cn.yaan.carbonsink.justice.RestorationService;
import cn.yaan.carbonsink.justice.RestorationStatus;
import cn.yaan.carbonsink.justice.SpeciesParameters;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The restoration pages: a court's list and registration form with a live calculation preview
 * ({@code court/restorations.xhtml}, {@code court/register.xhtml}), the officer's list of orders to act on
 * ({@code officer/restorations.xhtml}) and the order page both use ({@code account/restoration.xhtml}): timeline,
 * certificate, the officer's planting and inspection forms, the court's purchase and offline payment.
 */
@Named
@RequestScoped
public class RestorationBacking {

    /** Fields of the service's validation errors and the form inputs that show them. */
    private static final int PHOTO_MAX_BYTES = 10 * 1024 * 1024;

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("caseNumber", "caseNumber"), Map.entry("judgmentDate", "judgmentDate"),
            Map.entry("defendants[0].name", "defendantName"), Map.entry("defendants[0].idNumber", "defendantId"),
            Map.entry("damage[0].species", "species"), Map.entry("damage[0].volumeM3", "volumeM3"),
            Map.entry("damage", "volumeM3"), Map.entry("multiplier", "multiplier"), Map.entry("replant", "replantTrees"),
            Map.entry("replant.species", "replantSpecies"), Map.entry("replant.site", "replantSite"),
            Map.entry("replant.survivalThreshold", "threshold"), Map.entry("replant.dueDate", "dueDate"));

    @Inject
    RestorationService restorations;


    @Inject

    PlantingService plantings;


    @Inject

    RestorationPaymentService payments;

    @Inject
    CarbonCalculator calculator;

    @Inject
    OrderService ledgerOrders;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    // list
    private String status;
    private List<RestorationOrder> orders;
    private Boolean ownOrder;
    private List<SpeciesParameters> species;

    // registration
    private String caseNumber;
    private LocalDate judgmentDate;
    private String defendantName;
    private String defendantId;
    private String damageSpecies;
    private BigDecimal volumeM3;
    private String remedy = Remedy.PURCHASE_IN_LIEU.name();
    private BigDecimal multiplier = BigDecimal.ONE;
    private Integer replantTrees;
    private String replantSpecies;
    private String replantSite;
    private BigDecimal survivalThreshold = RestorationOrder.DEFAULT_THRESHOLD;
    private LocalDate dueDate;
    private CarbonCalculator.Result preview;

    // one order
    private String id;
    private RestorationOrder order;
    private RestorationService.Details details;
    private LocalDate plantDate;
    private Integer plantTrees;
    private String plantSpecies;
    private BigDecimal latitude;
    private BigDecimal longitude;
    private LocalDate inspectDate;
    private Integer survivingTrees;
    private String receiptNo;
    private Long amountFen;
    private Part photo;

    // ---------------------------------------------------------------- lists

    public List<RestorationOrder> getOrders() {
        if (orders == null) {
            RestorationStatus wanted = Arrays.stream(RestorationStatus.values())
                    .filter(s -> s.name().equals(status)).findFirst().orElse(null);
            orders = restorations.list(wanted, caller.required(), 200);
        }
        return orders;
    }

    /** The orders an officer still acts on: all but the fulfilled ones. */
    public List<RestorationOrder> getOpenOrders() {
        return getOrders().stream().filter(o -> o.status() != RestorationStatus.FULFILLED).toList();
    }

    public List<RestorationStatus> getStatuses() {
        return List.of(RestorationStatus.values());
    }

    public List<Remedy> getRemedies() {
        return List.of(Remedy.values());
    }

    public List<SpeciesParameters> getSpecies() {
        if (species == null) {
            species = calculator.species();
        }
        return species;
    }

    // ---------------------------------------------------------------- registration

    /** The live preview: the carbon lost and the units in lieu of the damage item as typed so far. */
    public void calculate() {
        preview = null;
        if (damageSpecies == null || volumeM3 == null || volumeM3.signum() <= 0) {
            return;
        }
        try {
            preview = calculator.calculate(List.of(new CarbonCalculator.Damage(damageSpecies, volumeM3)),
                    multiplier == null || multiplier.signum() <= 0 ? BigDecimal.ONE : multiplier);
        } catch (BusinessException e) {
            preview = null;
        }
    }

    public boolean isReplants() {
        return remedy != null && Remedy.valueOf(remedy).replants();
    }

    public String register() {
        Remedy chosen = Remedy.valueOf(remedy);
        RestorationService.NewReplant replant = chosen.replants() && replantTrees != null && dueDate != null
                ? new RestorationService.NewReplant(replantTrees, replantSpecies == null ? "" : replantSpecies,
                replantSite == null ? "" : replantSite, survivalThreshold, dueDate, null, null) : null;
        if (chosen.replants() && (replant == null || replant.species().isBlank() || replant.site().isBlank())) {
            faces.addMessage("register:replantTrees", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Pages.text(faces, "restoration.replant.required"), null));
            return null;
        }
        try {
            RestorationOrder created = restorations.register(new RestorationService.NewOrder(caseNumber, judgmentDate,
                    List.of(new RestorationService.Defendant(defendantName, defendantId)),
                    List.of(new RestorationService.DamageItem(damageSpecies, volumeM3, null, null)), chosen, multiplier,
                    replant), caller.required());
            return "/account/restoration?faces-redirect=true&id=" + created.id();
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = refused instanceof ConstraintViolationException v ? Pages.invalid(faces, v)
                    : (BusinessException) refused;
            String field = e.fieldErrors().isEmpty() ? "caseNumber"
                    : FIELDS.getOrDefault(e.fieldErrors().get(0).field(), "caseNumber");
            Pages.error(faces, "register:" + field, e, e.fieldErrors().isEmpty() ? "problem." + e.type()
                    : "restoration." + field + ".invalid");
            calculate();
            return null;
        }
    }

    // ---------------------------------------------------------------- one order

    /** Answers 404 for an order the caller may not see, like one that does not exist. */
    public void load() throws IOException {
        if (getOrder() == null) {
            faces.getExternalContext().responseSendError(404, "No such order");
            faces.responseComplete();
        }
    }

    /**
     * The order of the {@code id} parameter, or null. Loaded on first use, also on a postback: the forms post the id
     * as a plain request parameter, so the forms' {@code rendered} conditions hold while the request is decoded.
     */
    public RestorationOrder getOrder() {
        if (order == null) {
            String key = id != null ? id : faces.getExternalContext().getRequestParameterMap().get("id");
            try {
                order = restorations.find(Long.parseLong(key), caller.required());
            } catch (NumberFormatException | BusinessException | NullPointerException e) {
                return null;
            }
        }
        return order;
    }

    /** Whether the order's purchase of units is the caller's ledger order, which the order page then opens. */
    public boolean isOwnOrder() {
        if (ownOrder == null) {
            RestorationOrder o = getOrder();
            ownOrder = o != null && o.unitOrderId() != null && isOwn(o.unitOrderId());
        }
        return ownOrder;
    }

    private boolean isOwn(long unitOrderId) {
        try {
            ledgerOrders.own(unitOrderId, caller.required().username());
            return true;
        } catch (BusinessException notTheCallers) {
            return false;
        }
    }

    public RestorationService.Details getDetails() {
        if (details == null && getOrder() != null) {
            details = restorations.details(order);
        }
        return details;
    }

    private long orderId() {
        RestorationOrder o = getOrder();
        if (o == null) {
            throw BusinessException.notFound("No such order.");
        }
        return o.id();
    }

    public boolean isOfficer() {
        return caller.required().has(Role.OFFICER);
    }

    public boolean isCourt() {
        return caller.required().has(Role.COURT);
    }

    public int getRequiredSurviving() {
        RestorationOrder o = getOrder();
        return o == null || o.replantTrees() == null ? 0 : RestorationOrder.requiredSurviving(o.replantTrees(), o.survivalThreshold());
    }

    public String plant() {
        return act("plant:trees", () -> plantings.plant(orderId(), new PlantingService.NewPlanting(
                plantDate, plantTrees, plantSpecies, latitude, longitude), caller.required()), "restoration.done.planted");
    }

    public String inspect() {
        return act("inspect:surviving", () -> plantings.inspect(orderId(), new PlantingService.NewInspection(
                inspectDate, survivingTrees, null), caller.required()), "restoration.done.inspected");
    }

    public String offlinePay() {
        return act("offline:receiptNo", () -> payments.offlinePayment(orderId(), new RestorationPaymentService.OfflinePayment(
                receiptNo == null ? null : receiptNo.trim(), amountFen, null), caller.required()), "restoration.done.paid");
    }

    /** Adds a photo taken in the field to a planting (phones' photos are large: the service scales them down). */
    public String upload() {
        long planting;
        try {
            planting = Long.parseLong(faces.getExternalContext().getRequestParameterMap().get("plantingId"));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = photo.getInputStream()) {
            bytes = in.readNBytes(PHOTO_MAX_BYTES + 1);
        } catch (IOException | NullPointerException e) {
            bytes = new byte[0];
        }
        if (bytes.length > PHOTO_MAX_BYTES) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Pages.text(faces, "restoration.photo.tooLarge"), null));
            return null;
        }
        byte[] upload = bytes;
        return act(null, () -> plantings.addPhoto(orderId(), planting, upload,
                caller.required()), "restoration.done.photo");
    }

    /** Orders the units in lieu and goes to the order's checkout. */
    public String purchase() {
        try {
            UnitOrder created = payments.purchase(orderId(), null, caller.required());
            return "/account/order?faces-redirect=true&id=" + created.id();
        } catch (BusinessException e) {
            Pages.error(faces, "purchase:buy", e);
            return null;
        }
    }

    private String act(String clientId, Runnable action, String doneKey) {
        try {
            action.run();
        } catch (ConstraintViolationException e) {
            Pages.error(faces, clientId, Pages.invalid(faces, e));
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, clientId, e);
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, doneKey), null));
        return "/account/restoration?faces-redirect=true&id=" + orderId();
    }

    // ---------------------------------------------------------------- properties

    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getCaseNumber() { return caseNumber; }
    public void setCaseNumber(String caseNumber) { this.caseNumber = caseNumber; }
    public LocalDate getJudgmentDate() { return judgmentDate; }
    public void setJudgmentDate(LocalDate judgmentDate) { this.judgmentDate = judgmentDate; }
    public String getDefendantName() { return defendantName; }
    public void setDefendantName(String defendantName) { this.defendantName = defendantName; }
    public String getDefendantId() { return defendantId; }
    public void setDefendantId(String defendantId) { this.defendantId = defendantId; }
    public String getDamageSpecies() { return damageSpecies; }
    public void setDamageSpecies(String damageSpecies) { this.damageSpecies = damageSpecies; }
    public BigDecimal getVolumeM3() { return volumeM3; }
    public void setVolumeM3(BigDecimal volumeM3) { this.volumeM3 = volumeM3; }
    public String getRemedy() { return remedy; }
    public void setRemedy(String remedy) { this.remedy = remedy; }
    public BigDecimal getMultiplier() { return multiplier; }
    public void setMultiplier(BigDecimal multiplier) { this.multiplier = multiplier; }
    public Integer getReplantTrees() { return replantTrees; }
    public void setReplantTrees(Integer replantTrees) { this.replantTrees = replantTrees; }
    public String getReplantSpecies() { return replantSpecies; }
    public void setReplantSpecies(String replantSpecies) { this.replantSpecies = replantSpecies; }
    public String getReplantSite() { return replantSite; }
    public void setReplantSite(String replantSite) { this.replantSite = replantSite; }
    public BigDecimal getSurvivalThreshold() { return survivalThreshold; }
    public void setSurvivalThreshold(BigDecimal survivalThreshold) { this.survivalThreshold = survivalThreshold; }
    public LocalDate getDueDate() { return dueDate; }
    public void setDueDate(LocalDate dueDate) { this.dueDate = dueDate; }
    public CarbonCalculator.Result getPreview() { return preview; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public LocalDate getPlantDate() { return plantDate; }
    public void setPlantDate(LocalDate plantDate) { this.plantDate = plantDate; }
    public Integer getPlantTrees() { return plantTrees; }
    public void setPlantTrees(Integer plantTrees) { this.plantTrees = plantTrees; }
    public String getPlantSpecies() { return plantSpecies; }
    public void setPlantSpecies(String plantSpecies) { this.plantSpecies = plantSpecies; }
    public BigDecimal getLatitude() { return latitude; }
    public void setLatitude(BigDecimal latitude) { this.latitude = latitude; }
    public BigDecimal getLongitude() { return longitude; }
    public void setLongitude(BigDecimal longitude) { this.longitude = longitude; }
    public LocalDate getInspectDate() { return inspectDate; }
    public void setInspectDate(LocalDate inspectDate) { this.inspectDate = inspectDate; }
    public Integer getSurvivingTrees() { return survivingTrees; }
    public void setSurvivingTrees(Integer survivingTrees) { this.survivingTrees = survivingTrees; }
    public String getReceiptNo() { return receiptNo; }
    public void setReceiptNo(String receiptNo) { this.receiptNo = receiptNo; }
    public Long getAmountFen() { return amountFen; }
    public Part getPhoto() { return photo; }
    public void setPhoto(Part photo) { this.photo = photo; }

    public void setAmountFen(Long amountFen) { this.amountFen = amountFen; }
}
