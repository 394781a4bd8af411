package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.tourism.TravelFactor;
import cn.yaan.carbonsink.tourism.TravelFactorService;
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
 * The travel emission factors as the bureau's officers keep them (docs/DOMAIN.md section 5): every version with its
 * source, and a new version. The public list of the versions in force is {@link SiteResource#factors()}.
 */
@Path("v1")
@Tag(name = "Eco-tourism")
@Produces(MediaType.APPLICATION_JSON)
public class TravelFactorResource {

    @Inject
    TravelFactorService factors;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("reference/travel-factors")
    @RolesAllowed(Role.Names.OFFICER)
    @Operation(operationId = "listTravelFactorVersions", summary = "Every version of the travel emission factors",
            description = "Every version of every travel emission factor with its source (publication, table, year), "
            + "whether it is an estimate, the day it applies from, and who recorded it when")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public List<SiteResource.FactorView> versions() {
        return factors.versions(caller.required()).stream().map(SiteResource.FactorView::of).toList();
    }

    @POST
    @Path("reference/travel-factors")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordTravelFactorVersion", summary = "Record a new version of a travel emission factor",
            description = "Record a new version of a travel emission factor (its code and unit stay) with its source: "
            + "publication, table (required unless an estimate) and year; it applies from validFrom (today or later, "
            + "not before the factor's latest version). Versions are never edited: bookings keep the versions their "
            + "footprint used. 409 version-taken when another officer recorded one at once")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The version recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteResource.FactorView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response record(TravelFactorService.NewVersion n) {
        TravelFactor created = factors.record(n, caller.required());
        return Response.created(URI.create("/api/v1/reference/travel-factors"))
                .entity(SiteResource.FactorView.of(created)).build();
    }
}
