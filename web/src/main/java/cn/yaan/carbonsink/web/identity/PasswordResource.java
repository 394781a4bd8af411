package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.PasswordService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own password. */
@Path("v1/me/password")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    @Inject
    PasswordService passwords;

    @Inject
    CurrentCaller currentCaller;

    @Context
    HttpServletRequest request;

    @PUT
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changePassword", summary = "Change the caller's password",
            description = "Change the caller's password"
                    + ". "
                    + "204 when changed; every other bearer token of the account stops working. 400 currentPassword "
                    + "when the current password is wrong, 400 newPassword when the new one breaks the password rule "
                    + "(as at registration); 429 with Retry-After while the account may not be tried from this address "
                    + "(wrong current passwords count as failed logins).")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR, Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response change(PasswordService.Change change) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        passwords.change(currentCaller.required().username(), change, ClientAddress.of(request), token);
        return Response.noContent().build();
    }
}
