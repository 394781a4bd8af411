package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.web.api.Conditional;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.tourism.Footprint;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.SiteAdminService;
import cn.yaan.carbonsink.tourism.SiteService;
import cn.yaan.carbonsink.tourism.TravelFactor;
import cn.yaan.carbonsink.tourism.VisitSlot;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Scenic sites and timed-entry slots (碳汇+生态旅游): public listings and the footprint preview; officers edit sites
 * and create, resize and close slots. Times are China Standard Time.
 */
@Path("v1")
@Tag(name = "Eco-tourism")
@Produces(MediaType.APPLICATION_JSON)
public class SiteResource {

    @Inject
    SiteService sites;

    @Inject
    SiteAdminService admin;

    @Inject
    CurrentCaller caller;

    @Schema(requiredProperties = {
            "code", "nameZh", "nameEn", "dailyCapacity", "walkInPercent", "bookableDailyCapacity"})
    public record SiteView(String code, String nameZh, String nameEn, String county, int dailyCapacity,
                           int walkInPercent, int bookableDailyCapacity, LocalTime opensAt, LocalTime closesAt,
                           String capacityNote) {
        static SiteView of(ScenicSite s) {
            return new SiteView(s.code(), s.nameZh(), s.nameEn(), s.county(), s.dailyCapacity(), s.walkInPercent(),
                    s.bookableDailyCapacity(), s.opensAt(), s.closesAt(), s.capacityNote());
        }
    }

    @Schema(requiredProperties = {"id", "start", "end", "capacity", "remaining", "closed"})
    public record SlotView(long id, Instant start, Instant end, int capacity, int remaining, boolean closed,
                           String closedReason) {
        static SlotView of(VisitSlot s) {
            return new SlotView(s.id(), s.startsAt(), s.endsAt(), s.capacity(), s.remaining(), s.closed(), s.closedReason());
        }
    }

    @GET
    @Path("public/sites")
    @PermitAll
    @Operation(operationId = "listSites", summary = "The scenic sites",
            description = "The scenic sites of Ya'an with daily capacity, walk-in share and opening hours")
    public List<SiteView> list() {
        return sites.sites().stream().map(SiteView::of).toList();
    }

    @GET
    @Path("public/sites/{code}/slots")
    @PermitAll
    @Operation(operationId = "listSlots", summary = "A site's slots on a day",
            description = "A site's slots on a day (date=YYYY-MM-DD, China Standard Time) with the places remaining")
    public List<SlotView> slots(@PathParam("code") String code, @QueryParam("date") String date) {
        return sites.slots(code, day("date", date)).stream().map(SlotView::of).toList();
    }

    static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            throw BusinessException.invalid(field, "Give a date as YYYY-MM-DD.");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(field, "'" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
                    + "' is not a date; use YYYY-MM-DD.");
        }
    }

    @GET
    @Path("public/travel-factors")
    @PermitAll
    @Conditional(Conditional.MINUTE)
    @Extension(name = Conditional.EXTENSION, value = "true")
    @Operation(operationId = "listTravelFactors", summary = "Travel emission factors",
            description = "The emission factors of the visit footprint in force today (one version of each), with "
            + "their source, year, version and whether they are estimates")
    public List<FactorView> factors() {
        return sites.factors().stream().map(FactorView::of).toList();
    }

    /** A version of a factor; {@code year} is its source's year. */
    @Schema(requiredProperties = {"code", "version", "factor", "unit", "source", "year", "estimate", "validFrom"})
    public record FactorView(String code, int version, BigDecimal factor, String unit, String source,
                             String sourceTable, int year, boolean estimate, LocalDate validFrom, String recordedBy,
                             Instant recordedAt) {
        static FactorView of(TravelFactor f) {
            return new FactorView(f.code(), f.version(), f.factor(), f.unit(), f.source(), f.sourceTable(), f.year(),
                    f.estimate(), f.validFrom(), f.recordedBy(), f.recordedAt());
        }
    }

    @Schema(requiredProperties = {"offsetKg"})
    public record FootprintAnswer(BigDecimal footprintKg, long offsetKg, List<String> calculation) {
    }

    @POST
    @Path("public/footprint")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewFootprint", summary = "Preview a visit's footprint",
            description = "Preview a visit's footprint: distance (one way, counted there and back) x factor x persons "
            + "(a car's factor shared by its occupants) + nights x lodging factor + days x on-site factor per person, "
            + "with the factors in force today; offset rounded up")
    public FootprintAnswer footprint(SiteService.FootprintRequest r) {
        Footprint.Result result = sites.footprint(r);
        return new FootprintAnswer(result.kg(), result.offsetKg(), result.working());
    }

    @POST
    @Path("sites")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSite", summary = "Create a scenic site",
            description = "Create a scenic site, and its organisation SITE-<code> (for its gate staff and managers) "
            + "unless it exists; 409 site-exists when the code is taken")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The site created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(SiteAdminService.NewSite n) {
        SiteView created = SiteView.of(admin.createSite(n, caller.required()));
        return Response.created(URI.create("/api/v1/public/sites/" + created.code() + "/slots")).entity(created).build();
    }

    @PUT
    @Path("sites/{code}")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSite", summary = "Edit a site",
            description = "Edit a site's names, county, daily capacity, walk-in share and opening hours (officers; a "
            + "site manager for the own site only, else 403 not-your-site)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    public SiteView update(@PathParam("code") String code, SiteService.SiteChange c) {
        return SiteView.of(admin.update(code, c, caller.required()));
    }

    @POST
    @Path("sites/{code}/slots")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSlots", summary = "Create slots in bulk",
            description = "Create slots in bulk: every day from..to (at most 92) at every start time; windows within "
            + "opening hours; a day may offer at most the daily capacity less the walk-in share (422); an existing "
            + "slot is 409 and nothing is created; a closed day is 422 day-closed")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @APIResponse(responseCode = "201", description = "The slots created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SlotView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response createSlots(@PathParam("code") String code, SiteService.NewSlots n) {
        List<SlotView> created = admin.createSlots(code, n, caller.required()).stream().map(SlotView::of).toList();
        return Response.created(URI.create("/api/v1/public/sites/" + code + "/slots?date=" + n.from())).entity(created).build();
    }

    @PATCH
    @Path("slots/{id}")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeSlotCapacity", summary = "Change a slot's capacity",
            description = "Change a slot's capacity: never below the places booked (409 capacity-below-booked)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @APIResponse(responseCode = "200", description = "The slot with its new capacity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SlotView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public SlotView changeCapacity(@PathParam("id") long id, SiteService.CapacityChange c) {
        return SlotView.of(admin.changeCapacity(id, c, caller.required()));
    }

    @POST
    @Path("sites/{code}/closures")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeSiteDay", summary = "Close a day for new bookings",
            description = "Close a day for new bookings, with the reason visitors are shown; answers the bookings "
            + "already made for it, which stay valid (their parties see the reason and may cancel)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.SITE_MANAGER})
    @APIResponse(responseCode = "200", description = "The day closed, with the bookings affected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteAdminService.ClosedDay.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public SiteAdminService.ClosedDay close(@PathParam("code") String code, SiteAdminService.Closure c) {
        return admin.closeDay(code, c, caller.required());
    }
}
