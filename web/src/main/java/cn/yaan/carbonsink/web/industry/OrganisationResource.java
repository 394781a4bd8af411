package cn.yaan.carbonsink.web.industry;

import cn.yaan.carbonsink.identity.OrganisationRegistration;
import cn.yaan.carbonsink.identity.OrganisationService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Enterprises and public bodies of the industry scheme (碳汇+工业消纳): their registration with a unified social
 * credit code, the officer's decision, their members.
 */
@Path("v1")
@Tag(name = "Industry")
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    @Inject
    OrganisationService organisations;

    @Inject
    CurrentCaller caller;

    @Context
    HttpServletRequest request;

    @POST
    @Path("public/organisations")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerOrganisation", summary = "Register an enterprise or public body",
            description = "Register an organisation with its unified social credit code (GB 32100, 18 characters with "
                    + "its check character), name, county of Ya'an (511802 to 511827), contact's name and mobile "
                    + "number (stored encrypted, shown masked), and its first administrator's username and password, "
                    + "with the contact's consent to the personal-data notice. The registration is PENDING until an "
                    + "officer approves it. 400 lists every invalid field; 409 organisation-registered or "
                    + "username-taken; 429 with Retry-After after too many registrations from one address")
    @APIResponse(responseCode = "201", description = "The organisation registered, PENDING, contact masked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationService.OrganisationView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response register(OrganisationService.Registration registration) {
        var view = organisations.register(registration, ClientAddress.of(request));
        return Response.created(URI.create("/api/v1/organisation")).entity(view).build();
    }

    @GET
    @Path("organisation")
    @RolesAllowed({Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER})
    @Operation(operationId = "getOwnOrganisation", summary = "The caller's organisation",
            description = "The caller's enterprise or public body: registration status, the officer's decision and "
                    + "reason, the contact (masked) and the members with their roles")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER})
    @APIResponse(responseCode = "200", description = "The organisation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationService.OrganisationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OrganisationService.OrganisationView mine() {
        return organisations.own(caller.required());
    }

    @POST
    @Path("organisation/members")
    @RolesAllowed(Role.Names.ORG_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addOrganisationMember", summary = "Add a member to the caller's organisation",
            description = "The organisation's administrator adds an account that acts for it: ORG_ADMIN (members) or "
                    + "ORG_BUYER (statements and purchases), with a password meeting the policy, which the "
                    + "administrator hands over. 409 organisation-not-approved before an officer approved the "
                    + "registration; 409 username-taken")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ORG_ADMIN})
    @APIResponse(responseCode = "201", description = "The organisation with its members",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationService.OrganisationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response addMember(OrganisationService.NewMember member) {
        var view = organisations.addMember(member, caller.required());
        return Response.created(URI.create("/api/v1/organisation")).entity(view).build();
    }

    @GET
    @Path("organisation-registrations")
    @RolesAllowed(Role.Names.OFFICER)
    @Operation(operationId = "listOrganisationRegistrations", summary = "Organisations' registrations",
            description = "The registrations with a status (PENDING, the officers' queue, by default; APPROVED; "
                    + "REJECTED), oldest first, at most 500, contacts masked")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "200", description = "The registrations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = OrganisationService.OrganisationView.class)))
    public List<OrganisationService.OrganisationView> list(
            @Parameter(description = "PENDING (default), APPROVED or REJECTED",
                    schema = @Schema(enumeration = {"PENDING", "APPROVED", "REJECTED"}))
            @QueryParam("status") String status) {
        OrganisationRegistration.Status wanted;
        try {
            wanted = status == null || status.isBlank() ? OrganisationRegistration.Status.PENDING
                    : OrganisationRegistration.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid("status", "The status is PENDING, APPROVED or REJECTED.");
        }
        return organisations.list(wanted);
    }

    @POST
    @Path("organisation-registrations/{code}/approval")
    @RolesAllowed(Role.Names.OFFICER)
    @Operation(operationId = "approveOrganisation", summary = "Approve an organisation's registration",
            description = "An officer approves a PENDING registration: its members may act for the organisation from "
                    + "now on. 404 when no organisation registered with the code; 409 registration-decided once "
                    + "approved or rejected")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "200", description = "The organisation, APPROVED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationService.OrganisationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public OrganisationService.OrganisationView approve(@PathParam("code") String code) {
        return organisations.approve(code, caller.required());
    }

    @POST
    @Path("organisation-registrations/{code}/rejection")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectOrganisation", summary = "Reject an organisation's registration",
            description = "An officer rejects a PENDING registration with a reason (at most 200 characters) that the "
                    + "organisation is shown. 404 when no organisation registered with the code; 409 "
                    + "registration-decided once approved or rejected")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "200", description = "The organisation, REJECTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationService.OrganisationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public OrganisationService.OrganisationView reject(@PathParam("code") String code,
                                                       OrganisationService.Rejection rejection) {
        return organisations.reject(code, rejection, caller.required());
    }
}
