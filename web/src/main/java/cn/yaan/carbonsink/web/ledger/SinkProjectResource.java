package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.web.api.Conditional;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.Issuance;
import cn.yaan.carbonsink.ledger.ProjectService;
import cn.yaan.carbonsink.ledger.SerialNumbers;
import cn.yaan.carbonsink.ledger.SinkProject;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

/** Sink projects and their issuances: officers create them, everyone can see their figures. */
@Path("v1")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
public class SinkProjectResource {

    @Inject
    ProjectService ledger;

    @Inject
    CurrentCaller caller;

    @Schema(requiredProperties = {
            "id", "vintage", "quantityKg", "first", "last", "block", "availableKg", "reservedKg", "retiredKg"})
    public record IssuanceView(long id, int vintage, long quantityKg, String first, String last, String block,
                               long availableKg, long reservedKg, long retiredKg) {
        static IssuanceView of(Issuance i) {
            String code = i.project().code();
            return new IssuanceView(i.id(), i.vintage(), i.quantityKg(),
                    SerialNumbers.serial(code, i.vintage(), i.firstSerial()),
                    SerialNumbers.serial(code, i.vintage(), i.lastSerial()),
                    i.block(), i.availableKg(), i.reservedKg(), i.retiredKg());
        }
    }

    @Schema(requiredProperties = {"code", "nameZh", "issuedKg", "availableKg", "reservedKg", "retiredKg"})
    public record ProjectView(String code, String nameZh, String nameEn, String county, String standard,
                              String methodology, BigDecimal areaMu, long unitPriceFenPerTonne, String status,
                              long issuedKg, long availableKg, long reservedKg, long retiredKg,
                              String visibility, List<IssuanceView> issuances) {
    }

    private ProjectView view(SinkProject p) {
        return view(p, ledger.issuances(p));
    }

    private static ProjectView view(SinkProject p, List<Issuance> ofProject) {
        List<IssuanceView> issuances = ofProject.stream().map(IssuanceView::of).toList();
        return new ProjectView(p.code(), p.nameZh(), p.nameEn(), p.county(), p.standard(), p.methodology(), p.areaMu(),
                p.unitPriceFenPerTonne(), p.status(),
                issuances.stream().mapToLong(IssuanceView::quantityKg).sum(),
                issuances.stream().mapToLong(IssuanceView::availableKg).sum(),
                issuances.stream().mapToLong(IssuanceView::reservedKg).sum(),
                issuances.stream().mapToLong(IssuanceView::retiredKg).sum(), p.visibility().name(), issuances);
    }

    @POST
    @Path("sink-projects")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSinkProject", summary = "Register a sink project",
            description = "Register a sink project (409 when the code exists)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The project",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(ProjectService.NewProject p) {
        SinkProject project = ledger.createProject(p, caller.required().username());
        return Response.created(URI.create("/api/v1/public/sink-projects/" + project.code())).entity(view(project)).build();
    }

    @POST
    @Path("sink-projects/{code}/issuances")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueUnits", summary = "Issue units to a project",
            description = "Issue units to a project: the next serial block, with its first and last serials")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The issuance with its serial block",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssuanceView.class)))
    public Response issue(@PathParam("code") String code, ProjectService.NewIssuance i) {
        Issuance issuance = ledger.issue(code, i, caller.required().username());
        return Response.status(201).entity(IssuanceView.of(issuance)).build();
    }

    @GET
    @Path("public/sink-projects")
    @PermitAll
    @Conditional
    @Extension(name = Conditional.EXTENSION, value = "true")
    @Operation(operationId = "listSinkProjects", summary = "All sink projects",
            description = "The sink projects with their issued, available, reserved and retired kilograms; test "
            + "projects are left out, demo projects say so (visibility DEMO)")
    public List<ProjectView> list() {
        return ledger.publicProjectsWithIssuances().stream().map(p -> view(p.project(), p.issuances())).toList();
    }

    @GET
    @Path("public/sink-projects/{code}")
    @PermitAll
    @Conditional
    @Extension(name = Conditional.EXTENSION, value = "true")
    @Operation(operationId = "getSinkProject", summary = "One sink project",
            description = "One sink project with its issuances")
    public ProjectView get(@PathParam("code") String code) {
        return view(ledger.publicProject(code));
    }

    @PUT
    @Path("sink-projects/{code}/visibility")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeProjectVisibility", summary = "Change a project's visibility",
            description = "Mark a project PUBLIC, TEST (kept out of the public list, the registry, the buy page and the "
            + "transparency totals) or DEMO (shown, marked as demo)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    public ProjectView changeVisibility(@PathParam("code") String code, ProjectService.VisibilityChange change) {
        return view(ledger.changeVisibility(code, change, caller.required().username()));
    }
}
