package cn.yaan.carbonsink.web.platform;

import cn.yaan.carbonsink.ledger.IntegrityCheck;
import cn.yaan.carbonsink.ledger.SelfCheck;
import cn.yaan.carbonsink.platform.HealthService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Probes for a load balancer or orchestrator, in the MicroProfile Health format: live while the application
 * answers at all, ready (200) only while the database answers too, else 503.
 */
@Path("v1/health")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    HealthService health;

    @Inject
    SelfCheck selfCheck;

    @Schema(requiredProperties = {"name", "status"})
    public record Check(String name, @Schema(enumeration = {"UP", "DOWN"}) String status, Map<String, Object> data) {
        Check(String name, String status) {
            this(name, status, null);
        }
    }

    @Schema(requiredProperties = {"status", "checks"})
    public record Health(@Schema(enumeration = {"UP", "DOWN"}) String status, List<Check> checks) {
    }

    @GET
    @Path("live")
    @PermitAll
    @Operation(operationId = "getLiveness", summary = "Liveness",
            description = "Liveness: the application is deployed and answers")
    public Health live() {
        return new Health("UP", List.of(new Check("application", "UP")));
    }

    @GET
    @Path("ready")
    @PermitAll
    @Operation(operationId = "getReadiness", summary = "Readiness",
            description = "Readiness: the application and its database answer (503 when the database does not); the "
            + "details carry the last result of the ledger's daily self-check on this node, which does not take the node "
            + "out of service")
    @APIResponse(responseCode = "200", description = "Up: the application and its database answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Health.class)))
    @APIResponse(responseCode = "503", description = "Down: the database does not answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Health.class)))
    public Response ready() {
        String database = health.databaseUp() ? "UP" : "DOWN";
        return Response.status("UP".equals(database) ? 200 : 503)
                .entity(new Health(database, List.of(new Check("application", "UP"), new Check("database", database),
                        ledger()))).build();
    }

    private Check ledger() {
        SelfCheck.Report last = selfCheck.last();
        if (last == null) {
            return new Check("ledger-self-check", "UP", Map.of("checkedAt", "not yet on this node"));
        }
        return new Check("ledger-self-check", last.ok() ? "UP" : "DOWN", Map.of("checkedAt", last.checkedAt().toString(),
                "failed", last.checks().stream().filter(c -> !c.ok()).map(IntegrityCheck.Result::name).toList()));
    }
}
