package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.web.api.Problem;
import cn.yaan.carbonsink.web.api.StrictJson;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.GateService;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate of a scenic site: check-ins (online, and the scans an offline scanner queued), the data a scanner
 * downloads to decide alone, and the site's day. Site operators only, each at their own site.
 */
@Path("v1")
@Tag(name = "Eco-tourism")
@Produces(MediaType.APPLICATION_JSON)
public class GateResource {

    @Inject
    GateService gate;

    @Inject
    AppClock clock;

    @Inject
    CurrentCaller caller;

    @Schema(name = "TicketScan")
    public record Scan(@NotBlank @Size(max = 2000) @JsonbTypeDeserializer(StrictJson.ScannedText.class) String qr,
                       @NotBlank @Schema(maxLength = 40) String gate) {
    }

    /** A refusal is a problem (RFC 9457) that also carries the gate's verdict. */
    /**
     * A refused ticket: the problem, the verdict and what the gate staff need to tell the visitor: the ticket's site
     * and slot, when entry opens (NOT_YET_VALID), the first check-in (ALREADY_CHECKED_IN).
     */
    @JsonbPropertyOrder({"type", "title", "status", "detail", "result", "bookingNo", "partySize", "site",
            "siteNameZh", "siteNameEn", "slot", "entryFrom", "firstCheckIn"})
    @Schema(name = "GateRefusal", requiredProperties = {"type", "title", "status", "detail", "result"})
    public record Refusal(String type, String title, int status, String detail,
                          @Schema(implementation = GateService.Result.class) String result, String bookingNo,
                          Integer partySize, String site, String siteNameZh, String siteNameEn, Window slot,
                          Instant entryFrom, GateService.FirstCheckIn firstCheckIn) {
    }

    public record Window(Instant start, Instant end) {
    }

    @Schema(requiredProperties = {"result", "bookingNo", "partySize"})
    public record Admission(@Schema(implementation = GateService.Result.class) String result, String bookingNo,
                            int partySize, Window slot, String site, String siteNameZh, String siteNameEn) {
    }

    @POST
    @Path("site/check-ins")
    @RolesAllowed(Role.Names.SITE_OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkInTicket", summary = "Check a ticket in at the gate",
            description = "Check a ticket in at the operator's site: 200 ADMITTED; 409 ALREADY_CHECKED_IN with the "
            + "first check-in's time and gate; 422 WRONG_SITE, NOT_YET_VALID, EXPIRED, CANCELLED or INVALID_SIGNATURE")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.SITE_OPERATOR})
    @APIResponse(responseCode = "200", description = "ADMITTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Admission.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_CHECKED_IN: a problem with the verdict and the first "
            + "check-in", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Refusal.class)))
    @APIResponse(responseCode = "422", description = "WRONG_SITE, NOT_YET_VALID (with entryFrom), EXPIRED, CANCELLED "
            + "or INVALID_SIGNATURE: a problem with the verdict and what the ticket says",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Refusal.class)))
    public Response checkIn(@NotNull @Valid Scan scan) {
        return answer(gate.checkIn(caller.required(), scan.qr(), scan.gate(), null));
    }

    static Response answer(GateService.Verdict v) {
        Window window = v.slotStart() == null ? null : new Window(v.slotStart(), v.slotEnd());
        if (v.result() == GateService.Result.ADMITTED) {
            return Response.ok(new Admission(v.result().name(), v.bookingNo(), v.partySize(), window, v.siteCode(),
                    v.site().nameZh(), v.site().nameEn())).build();
        }
        int status = v.result() == GateService.Result.ALREADY_CHECKED_IN ? 409 : 422;
        String slug = v.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return Response.status(status).type(Problem.MEDIA).entity(new Refusal(Problem.typeUri(slug),
                status == 409 ? "Conflict" : "Unprocessable Content", status, detail(v), v.result().name(),
                v.bookingNo(), v.partySize(), v.siteCode(), v.site() == null ? null : v.site().nameZh(),
                v.site() == null ? null : v.site().nameEn(), window,
                v.result() == GateService.Result.NOT_YET_VALID ? GateService.entryFrom(v.slotStart()) : null,
                v.firstCheckIn())).build();
    }

    private static String detail(GateService.Verdict v) {
        return switch (v.result()) {
            case ALREADY_CHECKED_IN -> "This ticket was already used at gate " + v.firstCheckIn().gate() + " at "
                    + v.firstCheckIn().at() + ".";
            case WRONG_SITE -> "This ticket is for " + (v.site().nameEn() == null ? "another site"
                    : v.site().nameEn()) + " (" + v.siteCode() + "), slot " + v.slotStart() + " to " + v.slotEnd()
                    + "; it does not admit here.";
            case NOT_YET_VALID -> "This ticket is for a later slot, starting " + v.slotStart() + "; entry opens at "
                    + GateService.entryFrom(v.slotStart()) + ".";
            case EXPIRED -> "This ticket's slot ended at " + v.slotEnd() + ".";
            case CANCELLED -> "This booking was cancelled or never paid; do not admit.";
            case INVALID_SIGNATURE -> "This is not a genuine ticket of this platform (unreadable, altered or forged).";
            case ADMITTED -> "Admitted.";
        };
    }

    public record OfflineScan(@NotBlank @Size(max = 2000) @JsonbTypeDeserializer(StrictJson.ScannedText.class) String qr,
                              @NotBlank @Schema(maxLength = 40) String gate,
                              @NotNull Instant scannedAt,
                              @Schema(maxLength = 64, pattern = "[A-Za-z0-9_-]+", description = "The scanner's own id "
                                      + "of this scan (a UUID): a batch sent again after a lost answer is recognised "
                                      + "scan by scan. Optional; without it a scan is recognised by gate and time")
                              String nonce) {
    }

    public record Sync(@NotEmpty @Size(max = 500) List<@NotNull @Valid OfflineScan> scans) {
    }

    @Schema(requiredProperties = "result")
    public record SyncResult(@Schema(implementation = GateService.Result.class) String result, String bookingNo,
                             Instant scannedAt, GateService.FirstCheckIn firstCheckIn) {
    }

    @POST
    @Path("site/check-ins/sync")
    @RolesAllowed(Role.Names.SITE_OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "syncOfflineCheckIns", summary = "Send an offline scanner's queue",
            description = "Scans an offline scanner queued (at most 500), each judged at its own time: a ticket "
            + "already used elsewhere comes back ALREADY_CHECKED_IN and is listed as a conflict on the dashboard. "
            + "Safe to send again: a scan with the same nonce (or, without one, the same gate and time) is answered "
            + "as the first time and recorded once")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.SITE_OPERATOR})
    public List<SyncResult> sync(@NotNull @Valid Sync sync) {
        List<SyncResult> results = new ArrayList<>();
        for (int i = 0; i < sync.scans().size(); i++) {
            OfflineScan s = sync.scans().get(i);
            GateService.Verdict v;
            try {
                v = gate.checkIn(caller.required(), s.qr(), s.gate(), s.scannedAt(), s.nonce());
            } catch (BusinessException e) {
                String scan = "scans[" + i + "].";
                throw e.fieldErrors().isEmpty() ? e : BusinessException.invalid(e.fieldErrors().stream()
                        .map(f -> new BusinessException.FieldError(scan + f.field(), f.message())).toList());
            }
            results.add(new SyncResult(v.result().name(), v.bookingNo(), s.scannedAt(), v.firstCheckIn()));
        }
        return results;
    }

    @GET
    @Path("site/offline-data")
    @RolesAllowed(Role.Names.SITE_OPERATOR)
    @Operation(operationId = "getGateOfflineData", summary = "A day's bookings for an offline scanner",
            description = "A day's bookings at the operator's site (no personal data) for a scanner going offline; "
            + "the public keys and revocations are at /public/keys and /public/revocations")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.SITE_OPERATOR})
    public GateService.OfflineData offlineData(@QueryParam("date") String date) {
        return gate.offlineData(caller.required(), date == null ? clock.today() : SiteResource.day("date", date));
    }

    @GET
    @Path("site/dashboard")
    @RolesAllowed(Role.Names.SITE_OPERATOR)
    @Operation(operationId = "getSiteDashboard", summary = "The site's day",
            description = "The operator's site on a day: per slot capacity, booked, confirmed and checked-in "
            + "visitors; the walk-in share; tickets used twice while offline")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.SITE_OPERATOR})
    public GateService.Dashboard dashboard(@QueryParam("date") String date) {
        return gate.dashboard(caller.required(), date == null ? clock.today() : SiteResource.day("date", date));
    }
}
