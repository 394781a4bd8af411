package cn.yaan.carbonsink.web.platform;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.web.api.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The application's counters in Prometheus' text format, for a scraper ({@link Metrics}). Counts of orders,
 * payments and check-ins are business figures, so they are not public: an administrator's token, or the scrape
 * token of the deployment ({@code CARBONSINK_METRICS_TOKEN}, sent as {@code Authorization: Bearer}), which a
 * Prometheus server keeps in its configuration and which, unlike a login token, does not expire.
 */
@Path("v1/metrics")
@Tag(name = "Operations")
public class MetricsResource {

    private static final String BEARER = "Bearer ";

    @Inject
    Metrics metrics;

    @Context
    SecurityContext security;

    @GET
    @PermitAll
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(operationId = "getMetrics", summary = "The application's counters (Prometheus)",
            description = "The application's counters on this node in Prometheus' text format (ADMIN, or the scrape "
            + "token CARBONSINK_METRICS_TOKEN as a bearer token)")
    @SecurityRequirement(name = "bearer", scopes = Role.Names.ADMIN)
    @APIResponse(responseCode = "200", description = "The counters in Prometheus text format 0.0.4",
            content = @Content(mediaType = "text/plain; version=0.0.4; charset=utf-8",
                    schema = @Schema(type = SchemaType.STRING)))
    public String scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (security.isUserInRole(Role.Names.ADMIN) || scrapeToken(authorization)) {
            return metrics.scrape();
        }
        if (security.getUserPrincipal() != null) {
            throw new WebApplicationException(Problem.of(Response.Status.FORBIDDEN, "forbidden",
                    "Your account may not read the metrics; it needs the role ADMIN, or send the scrape token.")
                    .response().build());
        }
        throw new WebApplicationException(Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
                        "Send 'Authorization: Bearer <token>' with the deployment's scrape token (CARBONSINK_METRICS_TOKEN) "
                                + "or an administrator's token from POST /api/v1/auth/token.")
                .response().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }

    /** Whether the header carries the configured scrape token (compared in constant time); never without one. */
    private static boolean scrapeToken(String authorization) {
        String token = Settings.secret("carbonsink.metrics.token");
        if (token == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
