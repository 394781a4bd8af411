package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.justice.RestorationService;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.obligation.DutyPurchaseService;
import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.PaymentService;
import cn.yaan.carbonsink.ledger.Receipt;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.Retirement;
import cn.yaan.carbonsink.ledger.SimulatedPaymentProvider;
import cn.yaan.carbonsink.ledger.TransparencyService;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;

import java.io.IOException;
import java.util.List;

/**
 * Buying units ({@code account/buy.xhtml}) and the checkout of an order ({@code account/order.xhtml}): amount,
 * time left, the demo payment button while the simulated provider is on, the serial numbers once retired.
 */
@Named
@RequestScoped
public class OrderBacking {

    @Inject
    OrderService orders;

    @Inject
    PaymentService payments;

    @Inject
    RegistryService registry;

    @Inject
    TransparencyService transparency;

    @Inject
    RestorationService restorations;

    @Inject
    DutyPurchaseService dutyPurchases;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<TransparencyService.ProjectFigures> projects;
    private String projectCode;
    private Long quantityKg;
    private String beneficiary;

    private String id;
    private UnitOrder order;
    private Receipt retirement;
    private Long caseId;
    private DutyPurchaseService.DutyOfOrder duty;

    /** Projects with units to sell (read once per request: the menu asks more than once). */
    public List<TransparencyService.ProjectFigures> getProjects() {
        if (projects == null) {
            projects = transparency.publicProjects().stream().filter(p -> p.availableKg() > 0).toList();
        }
        return projects;
    }

    public String buy() {
        try {
            var me = caller.required();
            UnitOrder created = orders.place(new OrderService.NewOrder(projectCode, quantityKg, beneficiary),
                    me.username(), me.displayName(), null);
            return "/account/order?faces-redirect=true&id=" + created.id();
        } catch (ConstraintViolationException e) {
            Pages.error(faces, "buy:quantityKg", Pages.invalid(faces, e));
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, "buy:quantityKg", e);
            return null;
        }
    }

    /** Loads the order of the {@code id} parameter; someone else's order is a 404 like one that does not exist. */
    public void load() throws IOException {
        try {
            order = orders.own(Long.parseLong(id), caller.required().username());
        } catch (NumberFormatException | BusinessException | NullPointerException e) {
            order = null;
        }
        if (order == null) {
            faces.getExternalContext().responseSendError(404, "No such order");
            faces.responseComplete();
            return;
        }
        Retirement r = orders.retirementOfOrder(order.id());
        retirement = r == null ? null : registry.retirement(r.id()).orElse(null);
        // What the order was made for: the restoration case it pays units in lieu of, the year's duty it counts for.
        if (order.purpose() == OrderPurpose.RESTORATION) {
            caseId = restorations.visibleIdOf(order.reference(), caller.required()).orElse(null);
        } else if (order.purpose() == OrderPurpose.PUBLIC_DUTY) {
            duty = dutyPurchases.dutyOfOrder(order.reference()).orElse(null);
        }
    }

    public String pay() {
        try {
            String owner = caller.required().username();
            payments.paySimulated(orders.own(Long.parseLong(id), owner).paymentId(), owner);
        } catch (BusinessException e) {
            Pages.error(faces, "checkout:pay", e);
            return null;
        }
        return "/account/order?faces-redirect=true&id=" + id;
    }

    public String cancel() {
        try {
            orders.cancel(Long.parseLong(id), caller.required().username());
        } catch (BusinessException e) {
            Pages.error(faces, "checkout:cancel", e);
            return null;
        }
        return "/account/order?faces-redirect=true&id=" + id;
    }

    public boolean isPayable() {
        return order != null && order.status() == OrderStatus.PENDING_PAYMENT;
    }

    public boolean isSimulatedPayments() {
        return SimulatedPaymentProvider.on();
    }

    public String getProjectCode() { return projectCode; }
    public void setProjectCode(String projectCode) { this.projectCode = projectCode; }
    public Long getQuantityKg() { return quantityKg; }
    public void setQuantityKg(Long quantityKg) { this.quantityKg = quantityKg; }
    public String getBeneficiary() { return beneficiary; }
    public void setBeneficiary(String beneficiary) { this.beneficiary = beneficiary; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public UnitOrder getOrder() { return order; }
    public Receipt getRetirement() { return retirement; }
    /** The restoration case the order buys units in lieu for, when the caller may open it; else null. */
    public Long getCaseId() { return caseId; }
    /** The duty year and trees the order counts for, when it is a duty purchase; else null. */
    public DutyPurchaseService.DutyOfOrder getDuty() { return duty; }
}
