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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    public record Me(String username, String displayName, List<String> roles, String organisation) {
    }

    @GET
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ADMIN})
    @Operation(summary = "Who am I: username, roles and organisation of the caller")
    public Me me() {
        Caller caller = currentCaller.required();
        return new Me(caller.username(), caller.displayName(), caller.roles().stream().map(Role::name).sorted().toList(),
                caller.organisationCode());
    }

    @GET
    @Path("bookings")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(summary = "The caller's bookings of scenic-site visits, newest first (the latest 100)")
    public List<BookingView> bookings() {
        return bookings.mine(currentCaller.required().username(), 100);
    }

    @GET
    @Path("citizen")
    @RolesAllowed(Role.Names.CITIZEN)
    @Tag(name = "Public duty")
    @Operation(summary = "The caller's citizen data as stored: name, ID number and mobile number masked")
    public CitizenService.CitizenView citizen() {
        return citizens.profile(currentCaller.required().username()).map(citizens::view).orElseThrow(() ->
                BusinessException.notFound("This account has no registered citizen data."));
    }

    @GET
    @Path("obligations/{year}")
    @RolesAllowed(Role.Names.CITIZEN)
    @Tag(name = "Public duty")
    @Operation(summary = "The caller's tree-planting duty of a year: obliged (age band on 31 December), trees owed "
            + "and fulfilled, status OPEN/FULFILLED/EXEMPT/NOT_OBLIGED, the records and the certificates")
    public ObligationService.Obligation obligation(@PathParam("year") int year) {
        return obligations.obligation(currentCaller.required().username(), year);
    }

    @POST
    @Path("obligations/{year}/unit-purchases")
    @RolesAllowed(Role.Names.CITIZEN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Public duty")
    @Operation(summary = "Buy units for this year's duty: trees x kg-per-tree (default 20 kg CO2e), priced from the "
            + "project; pay the order, and the retirement counts once for the duty")
    public Response buyUnits(@PathParam("year") int year, DutyPurchaseService.UnitPurchase p) {
        DutyPurchaseService.Purchase purchase = purchases.buyUnits(currentCaller.required().username(), year, p);
        return Response.created(URI.create("/api/v1/orders/" + purchase.orderId())).entity(purchase).build();
    }

    @GET
    @Path("attendance-qr")
    @RolesAllowed(Role.Names.CITIZEN)
    @Tag(name = "Public duty")
    @Operation(summary = "A fresh signed attendance QR text for planting events (no personal data; valid for a few "
            + "minutes, so show a new one at each event)")
    public PlantingEventService.Qr attendanceQr() {
        return events.attendanceQr(currentCaller.required().username());
    }
}
