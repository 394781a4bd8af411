package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.AccountAdminService;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.platform.AuditRecord;
import cn.yaan.carbonsink.platform.AuditTrail;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Accounts of staff (officers, courts, gate staff, site managers, administrators), made and changed by an
 * administrator; citizens listed masked; the administration's audit trail.
 */
@Path("v1/admin")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AccountResource {

    @Inject
    IdentityService identity;

    @Inject
    AccountAdminService accounts;

    @Inject
    AuditTrail trail;

    @Inject
    CurrentCaller caller;

    @Schema(requiredProperties = {"username", "displayName", "roles", "enabled"})
    public record AccountView(String username, String displayName, List<String> roles, String organisation,
                              boolean enabled) {
        static AccountView of(AccountAdminService.StaffAccount a) {
            return new AccountView(a.username(), a.displayName(), a.roles().stream().map(Role::name).toList(),
                    a.organisation(), a.enabled());
        }
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccount", summary = "Create an account",
            description = "Create a staff account. 409 when the username is taken; 422 when a COURT, SITE_OPERATOR or "
                    + "SITE_MANAGER account is not given a court or site.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    @APIResponse(responseCode = "201", description = "The account created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response create(IdentityService.NewAccount account) {
        AccountView created = AccountView.of(accounts.create(account, caller.required()));
        return Response.created(URI.create("/api/v1/admin/accounts/" + created.username())).entity(created).build();
    }

    public record OrganisationView(String code, String kind, String nameZh, String nameEn) {
    }

    @POST
    @Path("organisations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrganisation", summary = "Create an organisation",
            description = "Create an organisation (COURT, SCENIC_SITE or FORESTRY_BUREAU) for staff accounts to belong to; "
            + "409 organisation-exists")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    @APIResponse(responseCode = "201", description = "The organisation created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationView.class)))
    public Response createOrganisation(AccountAdminService.NewOrganisation o) {
        var created = accounts.createOrganisation(o, caller.required());
        return Response.created(URI.create("/api/v1/admin/organisations/" + created.code()))
                .entity(new OrganisationView(created.code(), created.kind().name(), created.nameZh(), created.nameEn())).build();
    }

    @GET
    @Path("accounts")
    @Operation(operationId = "listStaffAccounts", summary = "Every staff account",
            description = "Every staff account (any role but citizen) with roles, organisation and whether enabled")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public List<AccountView> staff() {
        return accounts.staff().stream().map(AccountView::of).toList();
    }

    @PUT
    @Path("accounts/{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeAccountRoles", summary = "Change a staff account's roles",
            description = "New roles and organisation of a staff account; its tokens and sessions end at once" + ". " + "422 citizen-account, organisation-mismatch, own-account, last-admin")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public AccountView changeRoles(@PathParam("username") String username, AccountAdminService.RolesChange change) {
        return AccountView.of(accounts.changeRoles(username, change, caller.required()));
    }

    @POST
    @Path("accounts/{username}/disabling")
    @Operation(operationId = "disableAccount", summary = "Disable an account",
            description = "Disable an account: it cannot sign in, its tokens and sessions are refused at once "
            + "(within 10 s on other nodes); 422 own-account, last-admin")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public AccountView disable(@PathParam("username") String username) {
        return AccountView.of(accounts.disable(username, caller.required()));
    }

    @POST
    @Path("accounts/{username}/enabling")
    @Operation(operationId = "enableAccount", summary = "Enable an account again",
            description = "Enable a disabled account again")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public AccountView enable(@PathParam("username") String username) {
        return AccountView.of(accounts.enable(username, caller.required()));
    }

    @POST
    @Path("accounts/{username}/password-reset")
    @Operation(operationId = "forcePasswordReset", summary = "Force a password reset",
            description = "Force a password reset of a staff account: a temporary password, answered once, replaces "
            + "the old one, and its tokens and sessions end; 422 citizen-account")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public AccountAdminService.TemporaryPassword resetPassword(@PathParam("username") String username) {
        return accounts.resetPassword(username, caller.required());
    }

    @GET
    @Path("citizens")
    @Operation(operationId = "listCitizens", summary = "Citizens, masked",
            description = "Citizens, newest first, 50 a page (page=0...), by masked name, ID number and mobile only")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public List<AccountAdminService.CitizenRow> citizens(@QueryParam("page") String page) {
        return accounts.citizens(page(page));
    }

    static int page(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int page = Integer.parseInt(text.trim());
            if (page >= 0 && page <= 100_000) {
                return page;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw BusinessException.invalid("page", "A page is a whole number from 0.");
    }

    public record AuditView(Instant at, String actor, String action, String subject, String detail) {
        static AuditView of(AuditRecord r) {
            return new AuditView(r.at(), r.actor(), r.action(), r.subject(), r.detail());
        }
    }

    @GET
    @Path("audit-trail")
    @Operation(operationId = "listAuditTrail", summary = "The administration's audit trail",
            description = "The administration's audit trail, newest first (at most 200): who changed which account or "
            + "site (site:<code>) and when; who= keeps the records whose actor or subject it is")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public List<AuditView> audit(@QueryParam("who") String who) {
        if (who != null && who.length() > 80) {
            throw BusinessException.invalid("who", "At most 80 characters.");
        }
        return trail.recent(who).stream().map(AuditView::of).toList();
    }
}
