package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.justice.SpeciesParameters;
import cn.yaan.carbonsink.justice.SpeciesService;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The species reference data as the bureau's officers keep it (docs/DOMAIN.md section 3): every version with its
 * source, and a new version. The public list of the versions in force is {@link CarbonLossResource#species()}.
 */
@Path("v1")
@Tag(name = "Justice")
@Produces(MediaType.APPLICATION_JSON)
public class SpeciesResource {

    @Inject
    SpeciesService species;

    @Inject
    CurrentCaller caller;

    @Schema(requiredProperties = {"parameters", "recordedBy", "recordedAt"})
    public record SpeciesVersionView(SpeciesParameters parameters, String recordedBy, Instant recordedAt) {
    }

    @GET
    @Path("reference/species")
    @RolesAllowed(Role.Names.OFFICER)
    @Operation(operationId = "listSpeciesVersions", summary = "Every version of the species parameters",
            description = "Every version of every species' parameters (SVD, BEF, R, CF) with its source (publication, "
            + "table, year), whether it is an estimate, the day it applies from, and who recorded it when")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public List<SpeciesVersionView> versions() {
        return species.versions(caller.required()).stream()
                .map(v -> new SpeciesVersionView(v.parameters(), v.recordedBy(), v.recordedAt())).toList();
    }

    @POST
    @Path("reference/species")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordSpeciesVersion", summary = "Record a new version of a species' parameters",
            description = "Record a new version of a species' parameters (or the first of a new species) with its "
            + "source: publication, table (required unless an estimate) and year; it applies from validFrom (today "
            + "or later, not before the species' latest version). Versions are never edited: restoration orders keep "
            + "the version they were computed with. 409 version-taken when another officer recorded one at once")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The version recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpeciesParameters.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response record(SpeciesService.NewVersion n) {
        SpeciesParameters created = species.record(n, caller.required());
        return Response.created(URI.create("/api/v1/reference/species")).entity(created).build();
    }
}
