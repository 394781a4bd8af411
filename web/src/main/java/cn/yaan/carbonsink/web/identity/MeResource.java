package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import cn.yaan.carbonsink.tourism.BookingService;
import cn.yaan.carbonsink.tourism.BookingView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.obligation.PlantingEventService;
import cn.yaan.carbonsink.obligation.DutyPurchaseService;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.util.List;

/** The logged-in account, as the caller's own view of it, and a citizen's own tree-planting duty. */
@Path("v1/me")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    BookingService bookings;

    @Inject
    CitizenService citizens;

    @Inject
    ObligationService obligations;


    @Inject

    PlantingEventService events;


    @Inject

    DutyPurchaseService purchases;

    @Schema(requiredProperties = {"username", "displayName", "roles"})
    public record Me(String username, String displayName, List<String> roles, String organisation) {
    }

    @GET
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Operation(operationId = "getMe", summary = "Who am I",
            description = "Who am I: username, roles and organisation of the caller")
    @SecurityRequirement(name = "bearer", scopes = {
            Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    public Me me() {
        Caller caller = currentCaller.required();
        return new Me(caller.username(), caller.displayName(), caller.roles().stream().map(Role::name).sorted().toList(),
                caller.organisationCode());
    }

    @GET
    @Path("bookings")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "listMyBookings", summary = "The caller's bookings",
            description = "The caller's bookings of scenic-site visits, newest first (the latest 100)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    public List<BookingView> bookings() {
        return bookings.mine(currentCaller.required().username(), 100);
    }

    @GET
    @Path("citizen")
    @RolesAllowed(Role.Names.CITIZEN)
    @Tag(name = "Public duty")
    @Operation(operationId = "getMyCitizenData", summary = "The caller's citizen data, masked",
            description = "The caller's citizen data as stored: name, ID number and mobile number masked")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    public CitizenService.CitizenView citizen() {
        return citizens.profile(currentCaller.required().username()).map(citizens::view).orElseThrow(() ->
                BusinessException.notFound("This account has no registered citizen data."));
    }

    @GET
    @Path("obligations/{year}")
    @RolesAllowed(Role.Names.CITIZEN)
    @Tag(name = "Public duty")
    @Operation(operationId = "getMyObligation", summary = "The caller's duty of a year",
            description = "The caller's tree-planting duty of a year: obliged (age band on 31 December), trees owed "
            + "and fulfilled, status OPEN/FULFILLED/EXEMPT/NOT_OBLIGED, the records and the certificates")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    public ObligationService.Obligation obligation(@PathParam("year") int year) {
        return obligations.obligation(currentCaller.required().username(), year);
    }

    @POST
    @Path("obligations/{year}/unit-purchases")
    @RolesAllowed(Role.Names.CITIZEN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Public duty")
    @Operation(operationId = "buyDutyUnits", summary = "Buy units for the year's duty",
            description = "Buy units for this year's duty: trees x kg-per-tree (default 20 kg CO2e), priced from the "
            + "project; pay the order, and the retirement counts once for the duty. Send an Idempotency-Key header to "
            + "make retries safe: the same key and request answer the purchase the first one made")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "201", description = "The order of the units, to be paid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DutyPurchaseService.Purchase.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response buyUnits(@HeaderParam("Idempotency-Key") String idempotencyKey, @PathParam("year") int year,
                             DutyPurchaseService.UnitPurchase p) {
        DutyPurchaseService.Purchase purchase = purchases.buyUnits(currentCaller.required().username(), year, p,
                idempotencyKey);
        return Response.created(URI.create("/api/v1/orders/" + purchase.orderId())).entity(purchase).build();
    }

    @GET
    @Path("attendance-qr")
    @RolesAllowed(Role.Names.CITIZEN)
    @Tag(name = "Public duty")
    @Operation(operationId = "getAttendanceQr", summary = "A fresh attendance QR text",
            description = "A fresh signed attendance QR text for planting events (no personal data; valid for a few "
            + "minutes, so show a new one at each event)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    public PlantingEventService.Qr attendanceQr() {
        return events.attendanceQr(currentCaller.required().username());
    }
}
