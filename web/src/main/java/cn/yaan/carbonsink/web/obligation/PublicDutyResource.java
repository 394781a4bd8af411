package cn.yaan.carbonsink.web.obligation;

import cn.yaan.carbonsink.web.api.StrictJson;

import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.obligation.DutySettings;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.obligation.PlantingEventService;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

/**
 * The compulsory tree-planting duty (碳汇+公众义务): citizens' registration, planting events with their signups and
 * attendances, exemptions and the duty's settings. A citizen's own duty is under {@code /api/v1/me}.
 */
@Path("v1")
@Tag(name = "Public duty")
@Produces(MediaType.APPLICATION_JSON)
public class PublicDutyResource {

    @Inject
    CitizenService citizens;

    @Inject
    ObligationService obligations;


    @Inject

    PlantingEventService events;

    @Inject
    DutySettings settings;

    @Inject
    CurrentCaller caller;

    @Context
    HttpServletRequest request;

    @POST
    @Path("public/citizens")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerCitizen", summary = "Register as a citizen",
            description = "Register as a citizen: real name, resident ID number (GB 11643, stored encrypted, one "
            + "account per number), mobile number 1[3-9]xxxxxxxxx, password (8+ characters with a letter and a "
            + "digit), consent to the personal-data notice; 400 lists every invalid field; a taken username and a "
            + "registered ID number both answer 409 registration-refused; 429 with Retry-After after too many "
            + "registrations from one address")
    @APIResponse(responseCode = "201", description = "The citizen registered, masked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CitizenService.CitizenView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response register(CitizenService.Registration r) {
        CitizenService.CitizenView view = citizens.register(r, ClientAddress.of(request));
        return Response.created(URI.create("/api/v1/me/citizen")).entity(view).build();
    }

    @POST
    @Path("planting-events")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPlantingEvent", summary = "Create a planting event",
            description = "Create a planting event: site, date (today or later), places, trees per attendee")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlantingEventService.EventView.class)))
    public Response createEvent(PlantingEventService.NewEvent e) {
        PlantingEventService.EventView event = events.createEvent(e, caller.required().username());
        return Response.created(URI.create("/api/v1/planting-events/" + event.id())).entity(event).build();
    }

    @GET
    @Path("planting-events")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.OFFICER, Role.Names.ADMIN})
    @Operation(operationId = "listPlantingEvents", summary = "Planting events from today on",
            description = "Planting events from today on, soonest first, with the places left")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.OFFICER, Role.Names.ADMIN})
    public List<PlantingEventService.EventView> events() {
        return events.upcomingEvents();
    }

    @POST
    @Path("planting-events/{id}/signups")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "signUpForPlantingEvent", summary = "Take a place at a planting event",
            description = "Take a place at a planting event (409 already-signed-up or event-full)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "201", description = "The event with the places left",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlantingEventService.EventView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response signUp(@PathParam("id") long id) {
        PlantingEventService.EventView event = events.signUp(caller.required().username(), id);
        return Response.status(Response.Status.CREATED).entity(event).build();
    }

    public record NewAttendance(
            @NotBlank @Size(max = 300) @JsonbTypeDeserializer(StrictJson.ScannedText.class) String citizenQr,
            @Min(1) @Max(100) Integer trees) {
    }

    @POST
    @Path("planting-events/{id}/attendances")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordAttendance", summary = "Record a citizen at a planting event",
            description = "Record a citizen at an event from their scanned QR code and credit the trees planted "
            + "(default: the event's); 422 qr-expired for a rotated-out code, 409 already-attended")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The attendance and the trees credited",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlantingEventService.Attendance.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response attend(@PathParam("id") long id, @NotNull @Valid NewAttendance a) {
        PlantingEventService.Attendance attendance = events.recordAttendance(id, a.citizenQr(), a.trees(),
                caller.required().username());
        return Response.status(Response.Status.CREATED).entity(attendance).build();
    }

    @POST
    @Path("obligation-exemptions")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exemptCitizen", summary = "Exempt a citizen from a year's duty",
            description = "Exempt a citizen from a year's duty, with the reason (409 already-exempt)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The citizen's duty of that year",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ObligationService.Obligation.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response exempt(ObligationService.NewExemption e) {
        ObligationService.Obligation obligation = obligations.exempt(e, caller.required().username());
        return Response.status(Response.Status.CREATED).entity(obligation).build();
    }

    @POST
    @Path("obligation-fulfilments")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordFulfilment", summary = "Record a fulfilment of a citizen's duty",
            description = "Record a fulfilment for a citizen in one of the eight forms (not CARBON_UNITS): exactly one "
            + "of trees, hours (hours-per-tree, default 2) or, for DONATION, amountFen (fen-per-tree, default 2000)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The citizen's duty of that year",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ObligationService.Obligation.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response recordFulfilment(ObligationService.OfficerRecord f) {
        ObligationService.Obligation obligation = obligations.recordByOfficer(f, caller.required().username());
        return Response.status(Response.Status.CREATED).entity(obligation).build();
    }

    @GET
    @Path("duty-settings")
    @RolesAllowed({Role.Names.OFFICER, Role.Names.ADMIN})
    @Operation(operationId = "getDutySettings", summary = "The duty's settings",
            description = "The duty's settings: age band (ageMaxWomen 0 = no sex-specific band), trees owed, "
            + "kg CO2e, hours or fen per tree, QR validity in minutes")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER, Role.Names.ADMIN})
    public DutySettings.Values settings() {
        return settings.current();
    }

    @PUT
    @Path("duty-settings")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeDutySettings", summary = "Change the duty's settings",
            description = "Change the duty's settings; a year already under way for a citizen keeps the rules it "
            + "was fixed with")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public DutySettings.Values updateSettings(DutySettings.NewSettings s) {
        return settings.update(s);
    }
}
