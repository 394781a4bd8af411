package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.OrderLimits;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.PaymentProvider;
import cn.yaan.carbonsink.ledger.PaymentService;
import cn.yaan.carbonsink.ledger.Refund;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.Retirement;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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
import java.util.List;

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
    @Any
    Instance<PaymentProvider> providers;

    /** Money a payment brought that bought no units, owed back to the payer. */
    public record RefundView(long amountFen, String reason, String status, Instant createdAt) {
        static RefundView of(Refund r) {
            return new RefundView(r.amountFen(), r.reason().name(), r.status().name(), r.createdAt());
        }
    }

    public record OrderView(long id, String paymentId, String purpose, String beneficiary, String projectCode,
                            long quantityKg, long amountFen, String status, Instant createdAt, Instant expiresAt,
                            Instant paidAt, RetirementResource.RetirementView retirement, List<RefundView> refunds) {
    }

    OrderView view(UnitOrder o) {
        Retirement retirement = orders.retirementOfOrder(o.id());
        return new OrderView(o.id(), o.paymentId(), o.purpose().name(), o.beneficiary(), orders.projectCodeOf(o),
                o.quantityKg(), o.amountFen(), o.status().name(), o.createdAt(), o.expiresAt(), o.paidAt(),
                retirement == null ? null : registry.retirement(retirement.id()).map(r -> RetirementResource.RetirementView
                        .of(r, false, certificates.numbersOfRetirements(List.of(r.id())).get(r.id()))).orElse(null),
                payments.refundsOf(List.of(o.id())).stream().map(RefundView::of).toList());
    }

    @POST
    @Path("orders")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ADMIN})
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
            Role.Names.SITE_MANAGER, Role.Names.ADMIN})
    @Operation(summary = "The caller's own orders, newest first (the latest 100)")
    public List<OrderView> mine() {
        return orders.ordersOf(caller.required().username(), 100).stream().map(this::view).toList();
    }

    @GET
    @Path("orders/{id}")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ADMIN})
    @Operation(summary = "One of the caller's orders")
    public OrderView get(@PathParam("id") long id) {
        return view(orders.own(id, caller.required().username()));
    }

    @DELETE
    @Path("orders/{id}")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ADMIN})
    @Operation(summary = "Cancel an unpaid order of the caller and release its units (409 once paid)")
    public OrderView cancel(@PathParam("id") long id) {
        return view(orders.cancel(id, caller.required().username()));
    }

    @POST
    @Path("payments/{paymentId}/simulated-confirmation")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ADMIN})
    @Operation(summary = "Demo only: pay an own order through the simulated provider (404 when it is off, as in "
            + "production)")
    public OrderView simulatedConfirmation(@PathParam("paymentId") String paymentId) {
        return view(payments.paySimulated(paymentId, caller.required().username()));
    }

    public record CallbackAnswer(String paymentId, String status) {
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
    @Operation(summary = "A payment provider's notification: the signature of the raw body is checked (401 if "
            + "wrong), the amount must match the order (422), a notification applied before changes nothing")
    public CallbackAnswer callback(@PathParam("provider") String name, @HeaderParam("X-Signature") String signature,
                                   byte[] body) {
        PaymentProvider provider = providers.stream().filter(p -> p.name().equals(name) && p.enabled()).findFirst()
                .orElseThrow(() -> BusinessException.notFound("No payment provider " + name + " is configured."));
        if (!provider.authentic(body, signature)) {
            throw BusinessException.unauthenticated("The signature does not match the body; the notification was ignored.");
        }
        PaymentProvider.Notification n = provider.read(body).orElseThrow(() -> BusinessException.invalid("body",
                "The body is not a payment notification of " + name + "."));
        UnitOrder order = payments.applyNotification(name, n);
        return new CallbackAnswer(order.paymentId(), order.status().name());
    }
}
