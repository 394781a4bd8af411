package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.CallbackService;
import cn.yaan.carbonsink.ledger.CheckoutService;
import cn.yaan.carbonsink.ledger.OrderLimits;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.PaymentProvider;
import cn.yaan.carbonsink.ledger.PaymentService;
import cn.yaan.carbonsink.ledger.Refund;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.Retirement;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Buying units: an order holds them while its buyer pays; the payment provider's confirmation retires them. The
 * schemes (public duty, restoration, visits) create their orders through their own endpoints; here a signed-in user
 * buys units directly.
 */
@Path("v1")
@Tag(name = "Orders and payments")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    OrderService orders;

    @Inject
    PaymentService payments;

    @Inject
    OrderLimits limits;

    @Inject
    RegistryService registry;

    @Inject
    CertificateService certificates;

    @Inject
    CurrentCaller caller;

    @Inject
    CheckoutService checkout;

    @Inject
    CallbackService callbacks;

    @Context
    HttpServletRequest request;

    /**
     * Money a payment brought that bought no units, owed back to the payer, and where its refund stands
     * ({@code DUE}, {@code REQUESTED}, {@code SUCCEEDED}, {@code FAILED}), with the provider's refund number.
     */
    public record RefundView(long id, long amountFen, String reason, String status, String provider,
                             String providerRefundId, String failure, Instant createdAt, Instant settledAt) {
        static RefundView of(Refund r) {
            return new RefundView(r.id(), r.amountFen(), r.reason().name(), r.status().name(), r.provider(),
                    r.providerRefundId(), r.failure(), r.createdAt(), r.settledAt());
        }
    }

    /** {@code provider} and {@code transactionId}: who took the money and its transaction number there. */
    public record OrderView(long id, String paymentId, String purpose, String beneficiary, String projectCode,
                            long quantityKg, long amountFen, String status, Instant createdAt, Instant expiresAt,
                            Instant paidAt, String provider, String transactionId,
                            RetirementResource.RetirementView retirement, List<RefundView> refunds) {
    }

    OrderView view(UnitOrder o) {
        Retirement retirement = orders.retirementOfOrder(o.id());
        String ref = o.paymentRef();
        int colon = ref == null ? -1 : ref.indexOf(':');
        return new OrderView(o.id(), o.paymentId(), o.purpose().name(), o.beneficiary(), orders.projectCodeOf(o),
                o.quantityKg(), o.amountFen(), o.status().name(), o.createdAt(), o.expiresAt(), o.paidAt(),
                colon < 0 ? null : ref.substring(0, colon), colon < 0 ? null : ref.substring(colon + 1),
                retirement == null ? null : registry.retirement(retirement.id()).map(r -> RetirementResource.RetirementView
                        .of(r, false, certificates.numbersOfRetirements(List.of(r.id())).get(r.id()))).orElse(null),
                payments.refundsOf(List.of(o.id())).stream().map(RefundView::of).toList());
    }

    @POST
    @Path("orders")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Order units (oldest vintage first unless a project is named): they are held for the "
            + "reservation time while the buyer pays; 409 insufficient-units when there are not enough, 409 "
            + "pending-limit when the buyer's unpaid orders already hold as much as one account may. Send an "
            + "Idempotency-Key header to make retries safe.")
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, OrderService.NewOrder o) {
        Caller me = caller.required();
        UnitOrder order = orders.place(o, me.username(), me.displayName(), idempotencyKey);
        return Response.created(URI.create("/api/v1/orders/" + order.id())).entity(view(order)).build();
    }

    @GET
    @Path("orders")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "The caller's own orders, newest first (the latest 100)")
    public List<OrderView> mine() {
        return orders.ordersOf(caller.required().username(), 100).stream().map(this::view).toList();
    }

    @GET
    @Path("orders/{id}")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "One of the caller's orders")
    public OrderView get(@PathParam("id") long id) {
        return view(orders.own(id, caller.required().username()));
    }

    @DELETE
    @Path("orders/{id}")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "Cancel an unpaid order of the caller and release its units (409 once paid)")
    public OrderView cancel(@PathParam("id") long id) {
        return view(orders.cancel(id, caller.required().username()));
    }

    @POST
    @Path("payments/{paymentId}/simulated-confirmation")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "Demo only: pay an own order through the simulated provider (404 when it is off, as in "
            + "production)")
    public OrderView simulatedConfirmation(@PathParam("paymentId") String paymentId) {
        return view(payments.paySimulated(paymentId, caller.required().username()));
    }

    public record CallbackAnswer(String paymentId, String status) {
    }

    @GET
    @Path("payment-providers")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "The payment providers this server takes payments by (only those configured) and their "
            + "channels: NATIVE (a QR code), H5 (a phone's browser), JSAPI (inside WeChat), WAP (Alipay's mobile site)")
    public List<CheckoutService.Offer> providers() {
        return checkout.offers();
    }

    @POST
    @Path("orders/{id}/checkout")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start paying an own pending order at a configured provider: answers where to send the "
            + "buyer (url), the QR code's text (qrText) or what WeChat's payment bridge takes (params); 409 "
            + "order-not-pending once the order is paid, cancelled or expired")
    public PaymentProvider.Checkout checkout(@PathParam("id") long id, CheckoutService.Start start) {
        // Back to the address the buyer came from (the public address behind a proxy that passes Host).
            String site = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        return checkout.start(id, caller.required().username(), start, ClientAddress.of(request),
                site + "/account/order.xhtml?id=" + id);
    }

    @POST
    @Path("orders/{id}/payment-check")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "Ask the providers where an own order was being paid whether the payment went through "
            + "(when their notification is late), and apply what they report; answers the order")
    public OrderView paymentCheck(@PathParam("id") long id) {
        return view(checkout.check(id, caller.required().username()));
    }

    @GET
    @Path("order-limits")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.ADMIN})
    @Operation(summary = "How much one account may hold unpaid at a time: unpaid orders and their kilograms (court "
            + "purchases are not limited)")
    public OrderLimits.Values limits() {
        return limits.current();
    }

    @PUT
    @Path("order-limits")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the limits on unpaid orders per account; orders already placed keep their units")
    public OrderLimits.Values changeLimits(OrderLimits.NewLimits l) {
        return limits.update(l);
    }

    @POST
    @Path("payments/callbacks/{provider}")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A payment provider's notification of a payment or a refund: its signature is checked as the "
            + "provider signs (simulated: X-Signature HMAC; wechat: Wechatpay-* headers, the body decrypted; 401 if "
            + "wrong), the amount must match the order (422), a notification applied before changes nothing")
    public Response callback(@PathParam("provider") String name, @HeaderParam("X-Signature") String signature,
                             @Context HttpHeaders headers, byte[] body) {
        Map<String, String> h = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? null : v.get(0)));
        CallbackService.Applied applied = callbacks.receive(name, h, body);
        PaymentProvider.Acknowledgement ack = applied.acknowledgement();
        return ack == null ? Response.ok(new CallbackAnswer(applied.reference(), applied.status())).build()
                : Response.ok(ack.body(), ack.mediaType()).build();
    }
}
