package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.web.security.ClientAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Bearer tokens for API clients: court case systems, gate scanners, scripts. */
@Path("v1/auth/token")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    IdentityService identity;

    @Context
    HttpServletRequest request;

    @Schema(requiredProperties = {"token", "expiresAt", "roles"})
    public record TokenResponse(String token, Instant expiresAt, List<String> roles) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueToken", summary = "Log in and get a bearer token",
            description = "Log in and get a bearer token"
                    + ". "
                    + "401 for wrong credentials; 429 with Retry-After while this account may not be tried from this "
                    + "address (after 5 failures from it, or 2 while the account or address fails often elsewhere).")
    @APIResponse(responseCode = "200", description = "The token, its expiry and the roles of the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public TokenResponse issue(IdentityService.Credentials credentials) {
        IdentityService.IssuedToken issued = identity.issueToken(credentials, ClientAddress.of(request));
        return new TokenResponse(issued.token(), issued.expiresAt(),
                issued.caller().roles().stream().map(Role::name).sorted().toList());
    }

    @DELETE
    @PermitAll
    @Operation(operationId = "revokeToken", summary = "Revoke the bearer token sent",
            description = "Revoke the bearer token sent with this request (logout of an API client)")
    @APIResponse(responseCode = "204", description = "Revoked (also when no or an unknown token was sent)")
    public Response revoke(@Context HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            identity.revokeToken(authorization.substring(7).trim());
        }
        return Response.noContent().build();
    }
}
