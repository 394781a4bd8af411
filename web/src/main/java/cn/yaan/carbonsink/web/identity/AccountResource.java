package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** Accounts of staff (officers, courts, gate staff, administrators), made by an administrator. */
@Path("v1/admin/accounts")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    IdentityService identity;

    @Schema(requiredProperties = {"username", "displayName", "roles"})
    public record AccountView(String username, String displayName, List<String> roles, String organisation) {
    }

    @POST
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccount", summary = "Create an account",
            description = "Create an account"
                    + ". "
                    + "409 when the username is taken; 422 when a COURT or SITE_OPERATOR account is not given a court or site.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    @APIResponse(responseCode = "201", description = "The account created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response create(IdentityService.NewAccount account) {
        Caller created = identity.createAccount(account);
        return Response.created(URI.create("/api/v1/admin/accounts/" + created.username()))
                .entity(new AccountView(created.username(), created.displayName(),
                        created.roles().stream().map(Role::name).sorted().toList(), created.organisationCode()))
                .build();
    }
}
