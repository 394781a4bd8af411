package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.justice.RestorationService;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.obligation.DutyPurchaseService;
import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.ledger.CheckoutService;
import cn.yaan.carbonsink.ledger.PaymentProvider;
import cn.yaan.carbonsink.ledger.Refund;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.web.security.ClientAddress;
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
    private List<CheckoutService.Offer> offers;
    private PaymentProvider.Checkout checkout;
    private List<Refund> refunds;

    @Inject
    CheckoutService checkoutService;

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
        load0();
    }

    private void load0() throws IOException {
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

    /** Starts paying at a configured provider: a link to its page (H5) or its QR code (Native) on this page. */
    public String payWith(String provider, String channel) throws IOException {
        try {
            var request = (jakarta.servlet.http.HttpServletRequest) faces.getExternalContext().getRequest();
            // Back to the address the buyer came from (the public address behind a proxy that passes Host).
            String site = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
            checkout = this.checkoutService.start(Long.parseLong(id), caller.required().username(),
                    new CheckoutService.Start(provider, channel, null), ClientAddress.of(request),
                    site + "/account/order.xhtml?id=" + id);
        } catch (ConstraintViolationException e) {
            Pages.error(faces, "checkout:providers", Pages.invalid(faces, e));
        } catch (BusinessException e) {
            Pages.error(faces, "checkout:providers", e);
        }
        load0();
        return null;
    }

    /** The buyer says they paid: the providers are asked, and what they report is applied. */
    public String checkPaid() {
        try {
            checkoutService.check(Long.parseLong(id), caller.required().username());
        } catch (BusinessException e) {
            Pages.error(faces, "checkout:check", e);
            return null;
        }
        return "/account/order?faces-redirect=true&id=" + id;
    }

    /** The configured providers a buyer may choose, and their channels shown on a page (all but JSAPI). */
    public List<CheckoutService.Offer> getOffers() {
        if (offers == null) {
            offers = checkoutService.offers().stream().map(o -> new CheckoutService.Offer(o.provider(), o.channels()
                    .stream().filter(c -> c != PaymentProvider.Channel.JSAPI)
                    .toList())).filter(o -> !o.channels().isEmpty()).toList();
        }
        return offers;
    }

    public PaymentProvider.Checkout getCheckout() {
        return checkout;
    }

    /** The QR code of a Native payment, as a data address for an image. */
    public String getCheckoutQr() {
        return checkout == null || checkout.qrText() == null ? null
                : "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(QrCodes.png(checkout.qrText(), 240));
    }

    /** The provider that took the money and its transaction number (the receipt), or null. */
    public String getProvider() {
        String ref = order == null ? null : order.paymentRef();
        return ref == null || ref.indexOf(':') < 0 ? null : ref.substring(0, ref.indexOf(':'));
    }

    public String getTransactionId() {
        String ref = order == null ? null : order.paymentRef();
        return ref == null || ref.indexOf(':') < 0 ? null : ref.substring(ref.indexOf(':') + 1);
    }

    public List<Refund> getRefunds() {
        if (refunds == null) {
            refunds = order == null ? List.of() : payments.refundsOf(List.of(order.id()));
        }
        return refunds;
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
