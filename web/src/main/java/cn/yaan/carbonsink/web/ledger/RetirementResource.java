package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.Receipt;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.RetirementService;
import cn.yaan.carbonsink.ledger.SelfCheck;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.SerialBlocks;
import cn.yaan.carbonsink.shared.Timestamps;
import cn.yaan.carbonsink.web.api.Cursor;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
    public record RetirementPage(long total, @Schema(deprecated = true, description = "Deprecated: page by cursor")
                                 int page, int size, List<RetirementView> items,
                                 @Schema(description = "The cursor of the next page (also in the Link header, "
                                         + "rel=next); absent on the last page") String next) {
    }

    @GET
    @Path("public/retirements")
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "listRetirements", summary = "The public registry of retirements",
            description = "The public registry of retirements, newest first, beneficiaries masked, narrowed by "
            + "project, purpose (the scheme) and days (from and to, China Standard Time, both included); paged by cursor: the Link header (rel=next) names the next "
            + "page until the last (Accept: text/csv or format=csv for a spreadsheet: every matching retirement, not "
            + "a page, streamed, UTF-8 with a byte-order mark)")
    @APIResponse(responseCode = "200", description = "A page of retirements, or every matching retirement as CSV",
            headers = @Header(name = "Link", description = "<address of the next page>; rel=\"next\" (not on the "
                    + "last page)", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetirementPage.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response list(@Parameter(deprecated = true, description = "Deprecated: an offset page; follow the cursor")
                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                         @QueryParam("size") @DefaultValue("20") @Min(1) @Max(500) int size,
                         @Parameter(description = "Where the page starts: the cursor of the Link header (rel=next)")
                         @QueryParam("cursor") String cursor,
                         @Parameter(description = "A project's code") @QueryParam("project") String project,
                         @Parameter(schema = @Schema(implementation = OrderPurpose.class))
                         @QueryParam("purpose") String purpose,
                         @Parameter(description = "The first day, YYYY-MM-DD") @QueryParam("from") String from,
                         @Parameter(description = "The last day, YYYY-MM-DD") @QueryParam("to") String to,
                         @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                         @Context UriInfo uri) {
        RegistryService.Filter filter = new RegistryService.Filter(blankToNull(project), purpose(purpose),
                day("from", from), day("to", to));
        Cursor after = Cursor.of(cursor);
        boolean csv = "csv".equals(format) || accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        if (csv) {
            return Response.ok(csvExport(filter), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"retirements.csv\"").build();
        }
        // One row more than the page tells whether there is a next page.
        List<Receipt> rows = after == null && page > 0
                ? registry.retirements(filter, page * size, size + 1)
                : registry.retirements(filter, after == null ? null : after.at(), after == null ? null : after.id(),
                size + 1);
        boolean more = rows.size() > size;
        List<Receipt> shown = more ? rows.subList(0, size) : rows;
        Receipt last = more ? shown.get(size - 1) : null;
        Cursor next = last == null ? null : new Cursor(last.retiredAt(), last.id());
        RetirementPage answer = new RetirementPage(registry.count(filter), page, size, views(shown, true),
                next == null ? null : next.text());
        return Cursor.linkNext(Response.ok(answer, MediaType.APPLICATION_JSON), uri, next).build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static OrderPurpose purpose(String text) {
        if (blankToNull(text) == null) {
            return null;
        }
        try {
            return OrderPurpose.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid("purpose", "'" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
                    + "' is not a purpose; use one of " + java.util.Arrays.toString(OrderPurpose.values()) + ".");
        }
    }

    private static LocalDate day(String field, String text) {
        if (blankToNull(text) == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(field, "'" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
                    + "' is not a date; use YYYY-MM-DD.");
        }
    }

    /** Rows read from the database per round while the export streams. */
    static final int EXPORT_BATCH = 500;

    /**
     * Every retirement in the registry that matches {@code filter} as CSV, newest first, written while it is read ({@link #EXPORT_BATCH} rows a
     * round, each round after the last row of the one before): a UTF-8 byte-order mark (so that spreadsheets read the
     * masked names right), the header and one record per retirement that existed when the export began.
     */
    StreamingOutput csvExport(RegistryService.Filter filter) {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            writer.write(CSV_HEADER);
            Receipt last = null;
            while (true) {
                List<Receipt> batch = registry.retirements(filter, last == null ? null : last.retiredAt(),
                        last == null ? null : last.id(), EXPORT_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                writer.write(csvRows(views(batch, true)));
                writer.flush();
                last = batch.get(batch.size() - 1);
            }
            writer.flush();
        };
    }

    /** The columns of the export: the names and, per value, the text of the JSON answer (README, "One vocabulary"). */
    static final String CSV_HEADER = "id,retiredAt,purpose,quantityKg,beneficiary,serialRanges,certificateNo\r\n";

    /** One CSV record per retirement; serial ranges as block serials (docs/SERIALS.md) separated by spaces. */
    static String csvRows(List<RetirementView> items) {
        StringBuilder out = new StringBuilder();
        for (RetirementView r : items) {
            String ranges = String.join(" ", r.serialRanges().stream()
                    .map(m -> SerialBlocks.block(m.get("first"), m.get("last"))).toList());
            out.append(r.id()).append(',').append(Timestamps.text(r.retiredAt())).append(',').append(r.purpose())
                    .append(',').append(r.quantityKg()).append(',').append(csvField(r.beneficiary())).append(',')
                    .append(csvField(ranges)).append(',').append(r.certificateNo() == null ? "" : r.certificateNo())
                    .append("\r\n");
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
