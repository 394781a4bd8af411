package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.Receipt;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.RetirementService;
import cn.yaan.carbonsink.ledger.SelfCheck;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Direct retirements by officers (碳汇直售, e.g. "sink + industry"), the public registry and the audit check. */
@Path("v1")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
public class RetirementResource {

    static final String CSV = "text/csv";

    @Inject
    RetirementService retirements;

    @Inject
    SelfCheck selfCheck;

    @Inject
    RegistryService registry;

    @Inject
    CertificateService certificates;

    @Inject
    CurrentCaller caller;

    /** A retirement as the registry shows it: the beneficiary masked unless the caller retired it. */
    @Schema(requiredProperties = {"id", "quantityKg", "serialRanges", "purpose", "retiredAt"})
    public record RetirementView(long id, long quantityKg, List<Map<String, String>> serialRanges, String beneficiary,
                                 String purpose, Instant retiredAt, String certificateNo) {
        static RetirementView of(Receipt r, boolean masked, String certificateNo) {
            return new RetirementView(r.id(), r.quantityKg(), r.serialRanges(),
                    masked ? Masking.name(r.beneficiary()) : r.beneficiary(), r.purpose(), r.retiredAt(), certificateNo);
        }
    }

    /** Views of retirements with the numbers of their certificates (one query for all). */
    List<RetirementView> views(List<Receipt> receipts, boolean masked) {
        Map<Long, String> numbers = certificates.numbersOfRetirements(receipts.stream().map(Receipt::id).toList());
        return receipts.stream().map(r -> RetirementView.of(r, masked, numbers.get(r.id()))).toList();
    }

    RetirementView view(Receipt receipt, boolean masked) {
        return views(List.of(receipt), masked).get(0);
    }

    @POST
    @Path("retirements")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retireUnits", summary = "Retire units now",
            description = "Retire units of a project now (a sale settled outside the platform). Send an "
            + "Idempotency-Key header to make retries safe: the same key and body answer the first response again, "
            + "the same key with another body is refused (422). Not enough units: 409 insufficient-units.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The retirement with its serial ranges",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RetirementView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response retire(@HeaderParam("Idempotency-Key") String idempotencyKey, RetirementService.NewRetirement r) {
        return created(retirements.retire(r, caller.required().username(), idempotencyKey));
    }

    private Response created(Receipt receipt) {
        return Response.created(URI.create("/api/v1/public/retirements/" + receipt.id()))
                .entity(view(receipt, false)).build();
    }

    @Schema(requiredProperties = {"total", "page", "size", "items"})
    public record RetirementPage(long total, int page, int size, List<RetirementView> items) {
    }

    @GET
    @Path("public/retirements")
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "listRetirements", summary = "The public registry of retirements",
            description = "The public registry of retirements, newest first, beneficiaries masked "
            + "(Accept: text/csv or format=csv for a spreadsheet)")
    @APIResponse(responseCode = "200", description = "A page of retirements, or all of the page as CSV",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetirementPage.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                         @QueryParam("size") @DefaultValue("20") @Min(1) @Max(500) int size,
                         @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        RegistryService.Page result = registry.retirements(page, size);
        List<RetirementView> items = views(result.items(), true);
        boolean csv = "csv".equals(format) || accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        if (csv) {
            return Response.ok(csv(items), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"retirements.csv\"").build();
        }
        return Response.ok(new RetirementPage(result.total(), page, size, items), MediaType.APPLICATION_JSON).build();
    }

    static String csv(List<RetirementView> items) {
        StringBuilder out = new StringBuilder("id,retired_at,purpose,quantity_kg,beneficiary,serial_ranges\r\n");
        for (RetirementView r : items) {
            String ranges = String.join(" ", r.serialRanges().stream().map(m -> m.get("first") + ".." + m.get("last")).toList());
            out.append(r.id()).append(',').append(r.retiredAt()).append(',').append(r.purpose()).append(',')
                    .append(r.quantityKg()).append(',').append(csvField(r.beneficiary())).append(',')
                    .append(csvField(ranges)).append("\r\n");
        }
        return out.toString();
    }

    /**
     * RFC 4180 quoting, and a leading apostrophe against formula injection in spreadsheets (the characters OWASP
     * lists: = + - @, tab and carriage return).
     */
    static String csvField(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @GET
    @Path("public/retirements/{id}")
    @PermitAll
    @Operation(operationId = "getRetirement", summary = "One retirement",
            description = "One retirement of the public registry")
    public RetirementView get(@PathParam("id") long id) {
        return registry.retirement(id).map(r -> view(r, true))
                .orElseThrow(() -> BusinessException.notFound("No retirement " + id + "."));
    }

    @Schema(requiredProperties = {"vintage", "retired"})
    public record SerialView(String serial, String projectCode, int vintage, String issuanceBlock, boolean retired,
                             RetirementView retirement) {
    }

    @GET
    @Path("public/serials/{serial}")
    @PermitAll
    @Operation(operationId = "getSerial", summary = "What became of one unit",
            description = "What became of one unit: its issuance and, if retired, the retirement holding it")
    public SerialView serial(@PathParam("serial") String serial) {
        RegistryService.SerialInfo info = registry.serial(serial)
                .orElseThrow(() -> BusinessException.notFound("No unit has the serial number " + serial + "."));
        return new SerialView(info.serial(), info.issuance().project().code(), info.issuance().vintage(),
                info.issuance().block(), info.retirement() != null,
                info.retirement() == null ? null : view(info.retirement(), true));
    }

    @GET
    @Path("ledger/verification")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(operationId = "verifyLedger", summary = "Run the ledger self-check",
            description = "The ledger checks itself: the audit chain is recomputed ({entries} verified, firstBadSeq "
            + "when an entry does not match), from its newest signed checkpoint (verifiedFromSeq) or, with "
            + "full=true, from the first entry; and every invariant is checked on the stored data (serial ranges, "
            + "issuance figures, orders and retirements, certificates, visits); each check says whether it passed and "
            + "where it found problems")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public SelfCheck.Report verify(@QueryParam("full") boolean full) {
        return selfCheck.run(full);
    }
}
