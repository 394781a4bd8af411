package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.identity.SavedVisitorService;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** A citizen's saved visitors (常用游客), shown masked. */
@Path("v1/me/visitors")
@Tag(name = "Eco-tourism")
@Produces(MediaType.APPLICATION_JSON)
public class SavedVisitorResource {

    @Inject
    SavedVisitorService visitors;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "listSavedVisitors", summary = "The caller's saved visitors, masked",
            description = "The caller's saved visitors: name, ID number and mobile masked")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    public List<SavedVisitorService.View> list() {
        return visitors.list(currentCaller.required().username());
    }

    @POST
    @RolesAllowed(Role.Names.CITIZEN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addSavedVisitor", summary = "Save a visitor",
            description = "Save a visitor (real name, resident ID number, optional mobile), kept sealed"
                    + ". "
                    + "201 with the visitor masked; 400 with every refused field; 409 visitor-saved-already for an "
                    + "ID number saved before; 422 saved-visitors-full beyond 20.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "201", description = "The visitor saved, masked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedVisitorService.View.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response add(SavedVisitorService.NewVisitor visitor) {
        SavedVisitorService.View saved = visitors.add(currentCaller.required().username(), visitor);
        return Response.created(URI.create("/api/v1/me/visitors/" + saved.id())).entity(saved).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "removeSavedVisitor", summary = "Remove a saved visitor",
            description = "Remove a saved visitor; 404 when the caller has none with this id")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("id") long id) {
        visitors.remove(currentCaller.required().username(), id);
        return Response.noContent().build();
    }
}
