package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.CallbackService;
import cn.yaan.carbonsink.ledger.CheckoutService;
import cn.yaan.carbonsink.ledger.OrderLimits;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderStatus;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Schema(requiredProperties = {"id", "amountFen", "reason", "status", "createdAt"})
    public record RefundView(long id, long amountFen, @Schema(implementation = Refund.Reason.class) String reason,
                             @Schema(implementation = Refund.Status.class) String status, String provider,
                             String providerRefundId, String failure, Instant createdAt, Instant settledAt) {
        static RefundView of(Refund r) {
            return new RefundView(r.id(), r.amountFen(), r.reason().name(), r.status().name(), r.provider(),
                    r.providerRefundId(), r.failure(), r.createdAt(), r.settledAt());
        }
    }

    /** {@code provider} and {@code transactionId}: who took the money and its transaction number there. */
    @Schema(requiredProperties = {
            "id", "paymentId", "purpose", "quantityKg", "amountFen", "status", "createdAt", "refunds"})
    public record OrderView(long id, String paymentId, @Schema(implementation = OrderPurpose.class) String purpose,
                            String beneficiary, String projectCode, long quantityKg, long amountFen,
                            @Schema(implementation = OrderStatus.class) String status, Instant createdAt, Instant expiresAt,
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
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrder", summary = "Order units",
            description = "Order units (oldest vintage first unless a project is named): they are held for the "
            + "reservation time while the buyer pays; 409 insufficient-units when there are not enough, 409 "
            + "pending-limit when the buyer's unpaid orders already hold as much as one account may. Send an "
            + "Idempotency-Key header to make retries safe.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @APIResponse(responseCode = "201", description = "The order, its units held until expiresAt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, OrderService.NewOrder o) {
        Caller me = caller.required();
        UnitOrder order = orders.place(o, me.username(), me.displayName(), idempotencyKey);
        return Response.created(URI.create("/api/v1/orders/" + order.id())).entity(view(order)).build();
    }

    @GET
    @Path("orders")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "listMyOrders", summary = "The caller's orders",
            description = "The caller's own orders, newest first (the latest 100)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    public List<OrderView> mine() {
        return orders.ordersOf(caller.required().username(), 100).stream().map(this::view).toList();
    }

    @GET
    @Path("orders/{id}")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "getOrder", summary = "One of the caller's orders",
            description = "One of the caller's orders")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    public OrderView get(@PathParam("id") long id) {
        return view(orders.own(id, caller.required().username()));
    }

    @POST
    @Path("orders/{id}/cancellation")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "createOrderCancellation", summary = "Cancel an unpaid order",
            description = "Cancel an unpaid order of the caller and release its units (409 once paid); an action is a "
                    + "POST to a noun beneath its object, as a booking's cancellation")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @APIResponse(responseCode = "200", description = "The order, cancelled; its units are free again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public OrderView cancellation(@PathParam("id") long id) {
        return cancel(id);
    }

    @DELETE
    @Path("orders/{id}")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "cancelOrder", summary = "Cancel an unpaid order (deprecated)", deprecated = true,
            description = "Deprecated, kept for one release: use POST /api/v1/orders/{id}/cancellation. Cancel an "
                    + "unpaid order of the caller and release its units (409 once paid)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @APIResponse(responseCode = "200", description = "The order, cancelled; its units are free again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public OrderView cancel(@PathParam("id") long id) {
        return view(orders.cancel(id, caller.required().username()));
    }

    @POST
    @Path("payments/{paymentId}/simulated-confirmation")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "confirmSimulatedPayment", summary = "Pay through the simulated provider (demo)",
            description = "Demo only: pay an own order through the simulated provider (404 when it is off, as in "
            + "production)")
    @SecurityRequirement(name = "bearer", scopes = {
            Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @APIResponse(responseCode = "200", description = "The order, paid and its units retired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public OrderView simulatedConfirmation(@PathParam("paymentId") String paymentId) {
        return view(payments.paySimulated(paymentId, caller.required().username()));
    }

    @Schema(requiredProperties = {"paymentId", "status"})
    public record CallbackAnswer(String paymentId, @Schema(implementation = OrderStatus.class) String status) {
    }

    @GET
    @Path("payment-providers")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "listPaymentProviders", summary = "The payment providers configured",
            description = "The payment providers this server takes payments by (only those configured) and their "
            + "channels: NATIVE (a QR code), H5 (a phone's browser), JSAPI (inside WeChat), WAP (Alipay's mobile site)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    public List<CheckoutService.Offer> providers() {
        return checkout.offers();
    }

    @POST
    @Path("orders/{id}/checkout")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startCheckout", summary = "Start paying an order at a provider",
            description = "Start paying an own pending order at a configured provider: answers where to send the "
            + "buyer (url), the QR code's text (qrText) or what WeChat's payment bridge takes (params); 409 "
            + "order-not-pending once the order is paid, cancelled or expired")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    public PaymentProvider.Checkout checkout(@PathParam("id") long id, CheckoutService.Start start) {
        // Back to the address the buyer came from (the public address behind a proxy that passes Host).
        String site = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        return checkout.start(id, caller.required().username(), start, ClientAddress.of(request),
                site + "/account/order.xhtml?id=" + id);
    }

    @POST
    @Path("orders/{id}/payment-check")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "checkPayment", summary = "Ask the providers whether an order was paid",
            description = "Ask the providers where an own order was being paid whether the payment went through "
            + "(when their notification is late), and apply what they report; answers the order")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    public OrderView paymentCheck(@PathParam("id") long id) {
        return view(checkout.check(id, caller.required().username()));
    }

    @GET
    @Path("order-limits")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.ADMIN})
    @Operation(operationId = "getOrderLimits", summary = "The limits on unpaid orders",
            description = "How much one account may hold unpaid at a time: unpaid orders and their kilograms (court "
            + "purchases are not limited)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.ADMIN})
    public OrderLimits.Values limits() {
        return limits.current();
    }

    @PUT
    @Path("order-limits")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeOrderLimits", summary = "Change the limits on unpaid orders",
            description = "Change the limits on unpaid orders per account; orders already placed keep their units")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public OrderLimits.Values changeLimits(OrderLimits.NewLimits l) {
        return limits.update(l);
    }

    @POST
    @Path("payments/callbacks/{provider}")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "receivePaymentNotification", summary = "A payment provider's notification",
            description = "A payment provider's notification of a payment or a refund: its signature is checked as "
            + "the provider signs (simulated: X-Signature HMAC; wechat: Wechatpay-* headers, the body decrypted; "
            + "alipay: the sign parameter; 401 if wrong), the amount must match the order (422), a notification "
            + "applied before changes nothing")
    @APIResponse(responseCode = "200", description = "The notification applied (or applied before): the order's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallbackAnswer.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
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
