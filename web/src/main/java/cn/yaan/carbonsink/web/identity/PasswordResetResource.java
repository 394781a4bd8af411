package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.PasswordService;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.RateLimits;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/** A forgotten password, reset with a code sent by text message to the account's registered mobile. */
@Path("v1/public/password-reset")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    @Inject
    PasswordService passwords;

    @Inject
    RateLimits rateLimits;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    /** What the code request answers, whoever was named. */
    @Schema(name = "PasswordResetAccepted")
    public record Accepted(String message) {
    }

    @POST
    @Path("codes")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestPasswordResetCode", summary = "Send a password reset code",
            description = "Send a 6-digit reset code to the registered mobile of an account (by username or mobile)"
                    + ". " + "202 with the same answer whether or not such an account exists (nothing is sent to an "
                    + "unknown account, one without a mobile, or one that asked within the last minute or 5 times "
                    + "within the hour). The code works once, for 10 minutes, 5 tries. 429 when this address asked "
                    + "too often; 422 password-reset-unavailable when the server cannot send text messages.")
    @APIResponse(responseCode = "202", description = "Accepted, whether or not the account exists",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response requestCode(PasswordService.CodeRequest codeRequest) {
        rateLimits.take(RateLimits.PASSWORD_RESET_CODES, ClientAddress.of(request));
        List<Locale> accepted = headers.getAcceptableLanguages();
        boolean english = !accepted.isEmpty() && "en".equals(accepted.get(0).getLanguage());
        passwords.requestCode(codeRequest, english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
        return Response.accepted(new Accepted("If this account has a registered mobile number, a code is on its way. "
                + "It works once, for 10 minutes.")).build();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resetPassword", summary = "Set a new password with a reset code",
            description = "Set a new password with the code received"
                    + ". " + "204 when set; every bearer token of the account stops working. 400 code when the code is "
                    + "wrong, used, replaced by a newer one or expired (also for an unknown account); 400 newPassword "
                    + "when the new one breaks the password rule; 429 with Retry-After after repeated wrong codes.")
    @APIResponse(responseCode = "204", description = "The password is set")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response reset(PasswordService.Reset reset) {
        passwords.reset(reset, ClientAddress.of(request));
        return Response.noContent().build();
    }
}
