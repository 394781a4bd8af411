package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;

/** Accounts of staff (officers, courts, gate staff, administrators), made by an administrator. */
@Path("v1/admin/accounts")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    IdentityService identity;

    public record NewAccount(@NotBlank @Size(max = 64) String username,
                             @NotNull @Size(max = 128) String password,
                             @Schema(maxLength = 100) String displayName,
                             @NotEmpty @Size(max = 5) List<@NotNull Role> roles,
                             @Size(max = 64) String organisation) {
    }

    public record AccountView(String username, String displayName, List<String> roles, String organisation) {
    }

    @POST
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account",
            description = "409 when the username is taken; 422 when a COURT or SITE_OPERATOR account is not given a court or site.")
    public Response create(@NotNull @Valid NewAccount account) {
        Caller created = identity.createAccount(account.username(), account.password(), account.displayName(),
                EnumSet.copyOf(account.roles()), account.organisation());
        return Response.created(URI.create("/api/v1/admin/accounts/" + created.username()))
                .entity(new AccountView(created.username(), created.displayName(),
                        created.roles().stream().map(Role::name).sorted().toList(), created.organisationCode()))
                .build();
    }
}
