package cn.yaan.carbonsink.web.ledger;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.Refund;
import cn.yaan.carbonsink.ledger.RefundService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Officers see the money owed back and where each refund stands, and request a refund from its provider. */
@Path("v1/refunds")
@Tag(name = "Orders and payments")
@Produces(MediaType.APPLICATION_JSON)
public class RefundResource {

    @Inject
    RefundService refunds;

    @Inject
    CurrentCaller caller;

    public record RefundRow(long id, long orderId, long amountFen, String reason, String status, String provider,
                            String transactionId, String providerRefundId, String failure, int attempts,
                            String requestedBy, Instant createdAt, Instant requestedAt, Instant settledAt) {
        static RefundRow of(Refund r) {
            return new RefundRow(r.id(), r.orderId(), r.amountFen(), r.reason().name(), r.status().name(),
                    r.provider(), r.transactionId(), r.providerRefundId(), r.failure(), r.attempts(),
                    r.requestedBy(), r.createdAt(), r.requestedAt(), r.settledAt());
        }
    }

    @GET
    @RolesAllowed({Role.Names.OFFICER, Role.Names.ADMIN})
    @Operation(operationId = "listRefunds", summary = "Refunds",
            description = "Refunds, newest first (the latest 200): all, or those of the comma-separated statuses "
            + "DUE, REQUESTED, SUCCEEDED, FAILED")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.ADMIN})
    public List<RefundRow> list(@QueryParam("status") String status) {
        return refunds.list(statuses(status), 200).stream().map(RefundRow::of).toList();
    }

    static Set<Refund.Status> statuses(String text) {
        Set<Refund.Status> wanted = EnumSet.noneOf(Refund.Status.class);
        if (text == null || text.isBlank()) {
            return wanted;
        }
        for (String s : text.split(",")) {
            try {
                wanted.add(Refund.Status.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw BusinessException.invalid("status", "A refund's status is one of DUE, REQUESTED, SUCCEEDED, "
                        + "FAILED.");
            }
        }
        return wanted;
    }

    @POST
    @Path("{id}/request")
    @RolesAllowed(Role.Names.OFFICER)
    @Operation(operationId = "requestRefund", summary = "Send a refund through its provider",
            description = "Send an owed or failed refund back through the provider that took the money; answers "
            + "the refund as the provider left it (SUCCEEDED, REQUESTED until its notification, or FAILED with the "
            + "reason); 409 refund-not-due once requested or paid back")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public RefundRow request(@PathParam("id") long id) {
        return RefundRow.of(refunds.issue(id, caller.required().username()));
    }
}
