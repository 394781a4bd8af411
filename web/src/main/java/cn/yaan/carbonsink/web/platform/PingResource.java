package cn.yaan.carbonsink.web.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cheapest possible answer of the REST stack: no database, no CDI lookups. The benchmark harness measures it
 * as the server's ceiling, and every other figure is reported as a ratio to it.
 */
@Path("v1/public/ping")
@Tag(name = "Public")
public class PingResource {

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "ping", summary = "Trivial answer",
            description = "Trivial endpoint (benchmark ceiling)")
    @APIResponse(responseCode = "200", description = "The text pong",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    public String ping() {
        return "pong";
    }
}
