package cn.yaan.carbonsink.web.ledger;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.ReconciliationDifference;
import cn.yaan.carbonsink.ledger.ReconciliationService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Officers see where providers' bills and the platform differ, and match a day's bill again. */
@Path("v1/reconciliation")
@Tag(name = "Orders and payments")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    @Inject
    ReconciliationService reconciliation;

    @Inject
    AppClock clock;

    @Inject
    CurrentCaller caller;

    public record Difference(String provider, LocalDate day, String kind, String transactionId, String refundNo,
                             Long platformFen, Long providerFen, Instant foundAt) {
        static Difference of(ReconciliationDifference d) {
            return new Difference(d.provider(), d.billDay(), d.kind().name(), d.transactionId(), d.refundNo(),
                    d.platformFen(), d.providerFen(), d.foundAt());
        }
    }

    public record RunView(String provider, LocalDate day, int lines, List<Difference> differences) {
    }

    @GET
    @RolesAllowed({Role.Names.OFFICER, Role.Names.ADMIN})
    @Operation(operationId = "listReconciliationDifferences", summary = "Differences between bills and the platform",
            description = "Lines where a provider's daily bill and the platform differ (MISSING_IN_BILL, "
            + "NOT_ON_PLATFORM, AMOUNT_MISMATCH), for the days from since (YYYY-MM-DD; default: the last 30 days)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.ADMIN})
    public List<Difference> differences(@QueryParam("since") String since) {
        LocalDate from;
        try {
            from = since == null || since.isBlank() ? clock.today().minusDays(30) : LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("since", "A day is written YYYY-MM-DD.");
        }
        return reconciliation.differences(from).stream().map(Difference::of).toList();
    }

    @POST
    @Path("runs")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "runReconciliation", summary = "Reconcile a provider's bill of a day now",
            description = "Download a provider's bill of a day and match it with the platform now (the daily job does "
            + "yesterday's at 10:30 China Standard Time); the day's differences are replaced by what this run finds")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public RunView run(ReconciliationService.Run run) {
        var result = reconciliation.run(run, caller.required().username());
        return new RunView(result.provider(), result.day(), result.lines(),
                result.differences().stream().map(Difference::of).toList());
    }
}
