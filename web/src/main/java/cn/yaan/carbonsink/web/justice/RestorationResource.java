package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.web.security.SecurityHeaders;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.justice.RestorationEvent;
import cn.yaan.carbonsink.justice.RestorationInspection;
import cn.yaan.carbonsink.justice.RestorationOrder;
import cn.yaan.carbonsink.justice.RestorationPhoto;
import cn.yaan.carbonsink.justice.RestorationPlanting;
import cn.yaan.carbonsink.justice.PlantingService;
import cn.yaan.carbonsink.justice.RestorationPaymentService;
import cn.yaan.carbonsink.justice.RestorationService;
import cn.yaan.carbonsink.justice.Remedy;
import cn.yaan.carbonsink.justice.RestorationStatus;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.SerialBlocks;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Court-ordered ecological restoration (碳汇+司法): courts register orders and pay units in lieu; forestry officers
 * record plantings and survival inspections. A court sees only its own orders (another court's is 404); officers
 * see all of them, since the bureau acts on every court's orders.
 */
@Path("v1")
@Tag(name = "Justice")
@Produces(MediaType.APPLICATION_JSON)
public class RestorationResource {

    @Inject
    RestorationService restorations;


    @Inject

    PlantingService plantings;


    @Inject

    RestorationPaymentService payments;

    @Inject
    CurrentCaller caller;

    // ---------------------------------------------------------------- answers

    @Schema(requiredProperties = {"trees", "plantedTrees", "requiredSurvivingTrees", "accepted"})
    public record ReplantView(int trees, String species, String site, BigDecimal survivalThreshold, LocalDate dueDate,
                              List<Integer> inspectionYears, Integer tendingYears, int plantedTrees,
                              Integer survivingTrees, int requiredSurvivingTrees, boolean accepted) {
    }

    @Schema(requiredProperties = {"id", "trees"})
    public record PlantingView(long id, LocalDate date, int trees, String species, BigDecimal latitude,
                               BigDecimal longitude, String recordedBy, Instant recordedAt, List<Long> photos) {
        static PlantingView of(RestorationPlanting p, Map<Long, List<Long>> photos) {
            return new PlantingView(p.id(), p.plantedOn(), p.trees(), p.species(), p.latitude(), p.longitude(),
                    p.recordedBy(), p.recordedAt(), photos.getOrDefault(p.id(), List.of()));
        }
    }

    @Schema(requiredProperties = {"id", "plantingId", "width", "height", "bytes"})
    public record PhotoView(long id, long plantingId, int width, int height, int bytes, String sha256) {
    }

    @Schema(requiredProperties = {"plantedTrees", "survivingTrees", "finalInspection"})
    public record InspectionView(LocalDate date, int plantedTrees, int survivingTrees, BigDecimal survivalRate,
                                 boolean finalInspection, String recordedBy, Instant recordedAt) {
        static InspectionView of(RestorationInspection i) {
            return new InspectionView(i.inspectedOn(), i.plantedTrees(), i.survivingTrees(), i.survivalRate(),
                    i.finalCheck(), i.recordedBy(), i.recordedAt());
        }
    }

    public record TimelineEntry(Instant at, String actor, String action, String detail) {
        static TimelineEntry of(RestorationEvent e) {
            return new TimelineEntry(e.occurredAt(), e.actor(), e.action(), e.detail());
        }
    }

    /** An order in full: defendants masked, the working of its calculation, the species parameters it used. */
    @Schema(requiredProperties = {
            "id", "reference", "caseNumber", "courtCode", "judgmentDate", "remedy", "status", "carbonLossKg", "purchaseKg",
            "retiredKg", "outstandingKg"})
    public record RestorationView(long id, String reference, String caseNumber, String courtCode, String courtName,
                                  LocalDate judgmentDate, @Schema(implementation = Remedy.class) String remedy,
                                  @Schema(implementation = RestorationStatus.class) String status, long carbonLossKg,
                                  BigDecimal multiplier, long purchaseKg, long amountFen, long retiredKg,
                                  long outstandingKg, List<String> calculation,
                                  List<RestorationService.DamageView> damage,
                                  List<RestorationService.MaskedDefendant> defendants, ReplantView replant,
                                  List<PlantingView> plantings, List<InspectionView> inspections,
                                  Long purchaseOrderId, List<Map<String, String>> serialRanges, String certificateNo,
                                  @Schema(deprecated = true, description = "Deprecated: the same as certificateNo")
                                  String certificateNumber,
                                  List<TimelineEntry> timeline, Instant createdAt, Instant fulfilledAt) {
    }

    /** An order in a list. */
    @Schema(requiredProperties = {
            "id", "reference", "caseNumber", "courtCode", "judgmentDate", "remedy", "status", "carbonLossKg", "purchaseKg",
            "retiredKg"})
    public record RestorationSummary(long id, String reference, String caseNumber, String courtCode,
                                     LocalDate judgmentDate, @Schema(implementation = Remedy.class) String remedy,
                                     @Schema(implementation = RestorationStatus.class) String status, long carbonLossKg,
                                     long purchaseKg, long retiredKg, LocalDate dueDate, String certificateNo,
                                     @Schema(deprecated = true, description = "Deprecated: the same as certificateNo")
                                     String certificateNumber) {
        static RestorationSummary of(RestorationOrder o) {
            return new RestorationSummary(o.id(), o.reference(), o.caseNumber(), o.courtCode(), o.judgmentDate(),
                    o.remedy().name(), o.status().name(), o.carbonLossKg(), o.purchaseKg(), o.retiredKg(), o.dueDate(),
                    o.certificateNumber(), o.certificateNumber());
        }
    }

    @Schema(requiredProperties = {"orderId", "paymentId", "quantityKg", "amountFen", "status"})
    public record PurchaseView(long orderId, String paymentId, long quantityKg, long amountFen,
                               @Schema(implementation = OrderStatus.class) String status,
                               Instant expiresAt) {
    }

    RestorationView view(RestorationOrder o) {
        RestorationService.Details d = restorations.details(o);
        ReplantView replant = o.remedy().replants() ? new ReplantView(o.replantTrees(), o.replantSpecies(),
                o.replantSite(), o.survivalThreshold(), o.dueDate(), o.inspectionYears(), o.tendingYears(),
                o.plantedTrees(), o.survivingTrees(),
                RestorationOrder.requiredSurviving(o.replantTrees(), o.survivalThreshold()), o.replantDone()) : null;
        return new RestorationView(o.id(), o.reference(), o.caseNumber(), o.courtCode(), d.courtName(),
                o.judgmentDate(), o.remedy().name(), o.status().name(), o.carbonLossKg(), o.multiplier(),
                o.purchaseKg(), o.amountFen(), o.retiredKg(), o.outstandingKg(), o.calculation(), d.damage(),
                d.defendants(), replant, d.plantings().stream().map(p -> PlantingView.of(p, d.photos())).toList(),
                d.inspections().stream().map(InspectionView::of).toList(), o.unitOrderId(),
                SerialBlocks.ranges(o.serialBlocks()), o.certificateNumber(), o.certificateNumber(), d.timeline().stream().map(TimelineEntry::of).toList(), o.createdAt(),
                o.fulfilledAt());
    }

    // ---------------------------------------------------------------- endpoints

    @POST
    @Path("restoration-orders")
    @RolesAllowed(Role.Names.COURT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerRestorationOrder", summary = "Register a court's restoration order",
            description = "Register a restoration order of the caller's court: case number (ASCII or full-width "
            + "parentheses), defendants (ID numbers sealed, answered masked), damage items (species by Chinese name), "
            + "remedy REPLANT, PURCHASE_IN_LIEU, REPLANT_AND_PURCHASE or REPLANT_ELSE_PURCHASE; 409 duplicate-case "
            + "when the court registered the case number already")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT})
    @APIResponse(responseCode = "201", description = "The order registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestorationView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response register(RestorationService.NewOrder o) {
        RestorationOrder order = restorations.register(o, caller.required());
        return Response.created(URI.create("/api/v1/restoration-orders/" + order.id())).entity(view(order)).build();
    }

    @GET
    @Path("restoration-orders")
    @RolesAllowed({Role.Names.COURT, Role.Names.OFFICER})
    @Operation(operationId = "listRestorationOrders", summary = "Restoration orders",
            description = "Restoration orders, newest first (the latest 200), optionally of one status: a court's "
            + "users see their court's, officers all")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.OFFICER})
    public List<RestorationSummary> list(@QueryParam("status") String status) {
        RestorationStatus wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = Arrays.stream(RestorationStatus.values()).filter(s -> s.name().equals(status.trim())).findFirst()
                    .orElseThrow(() -> BusinessException.invalid("status", "The status is one of "
                            + Arrays.toString(RestorationStatus.values()) + "."));
        }
        return restorations.list(wanted, caller.required(), 200).stream().map(RestorationSummary::of).toList();
    }

    @GET
    @Path("restoration-orders/{id}")
    @RolesAllowed({Role.Names.COURT, Role.Names.OFFICER})
    @Operation(operationId = "getRestorationOrder", summary = "One restoration order",
            description = "One restoration order with its working, plantings, inspections and timeline (another "
            + "court's order is 404)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.OFFICER})
    public RestorationView get(@PathParam("id") long id) {
        return view(restorations.find(id, caller.required()));
    }

    @POST
    @Path("restoration-orders/{id}/plantings")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordPlanting", summary = "Record trees planted",
            description = "Record trees planted for an order: date, trees, species, GPS point")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The order with the planting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestorationView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response plant(@PathParam("id") long id, PlantingService.NewPlanting p) {
        RestorationOrder order = plantings.plant(id, p, caller.required());
        return Response.status(Response.Status.CREATED).entity(view(order)).build();
    }

    @POST
    @Path("restoration-orders/{id}/plantings/{plantingId}/photos")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "addPlantingPhoto", summary = "Add a photo to a planting",
            description = "Add a photo (JPEG or PNG as the body, at most 1 MiB and 40 megapixels) to a planting: it "
            + "is re-encoded as a JPEG of at most 1600 px without any metadata; at most 10 per planting")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The photo as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PhotoView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response addPhoto(@PathParam("id") long id, @PathParam("plantingId") long plantingId, byte[] photo) {
        RestorationPhoto p = plantings.addPhoto(id, plantingId, photo, caller.required());
        return Response.created(URI.create("/api/v1/restoration-orders/" + id + "/photos/" + p.id()))
                .entity(new PhotoView(p.id(), p.plantingId(), p.width(), p.height(), p.jpeg().length, p.sha256())).build();
    }

    @GET
    @Path("restoration-orders/{id}/photos/{photoId}")
    @RolesAllowed({Role.Names.COURT, Role.Names.OFFICER})
    @Produces("image/jpeg")
    @Operation(operationId = "getPlantingPhoto", summary = "A planting's photo",
            description = "A planting's photo as the server stored it (JPEG)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.OFFICER})
    @APIResponse(responseCode = "200", description = "The photo",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response photo(@PathParam("id") long id, @PathParam("photoId") long photoId) {
        RestorationPhoto p = plantings.photo(id, photoId, caller.required());
        // nosniff and no-store come with every API answer (web/security/SecurityHeaders).
        return Response.ok(p.jpeg(), "image/jpeg")
                .header("Content-Disposition", "inline; filename=\"photo-" + p.id() + ".jpg\"").build();
    }

    @POST
    @Path("restoration-orders/{id}/inspections")
    @RolesAllowed(Role.Names.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordInspection", summary = "Record a survival inspection",
            description = "Record a survival inspection; the final one (on or after the last scheduled inspection, "
            + "or finalInspection true) accepts the replanting, or converts a REPLANT_ELSE_PURCHASE shortfall into "
            + "units in lieu (CONVERTED)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.OFFICER})
    @APIResponse(responseCode = "201", description = "The order with the inspection",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestorationView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response inspect(@PathParam("id") long id, PlantingService.NewInspection i) {
        RestorationOrder order = plantings.inspect(id, i, caller.required());
        return Response.status(Response.Status.CREATED).entity(view(order)).build();
    }

    @POST
    @Path("restoration-orders/{id}/purchase")
    @RolesAllowed(Role.Names.COURT)
    @Operation(operationId = "purchaseUnitsInLieu", summary = "Order the units in lieu",
            description = "Order the units in lieu still due (purpose RESTORATION, oldest vintages first): the clerk "
                    + "pays it, or hands its "
            + "payment id to the defendant; once paid the units are retired for the order. 409 no-purchase-due or "
            + "purchase-pending; projectCode takes the units from one project. Send an Idempotency-Key header to make "
            + "retries safe: the same key and request answer the ledger order the first one created")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT})
    @APIResponse(responseCode = "201", description = "The order of the units, to be paid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PurchaseView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response purchase(@HeaderParam("Idempotency-Key") String idempotencyKey, @PathParam("id") long id,
                             @QueryParam("projectCode") @Size(max = 32) String projectCode) {
        UnitOrder o = payments.purchase(id, projectCode == null || projectCode.isBlank() ? null : projectCode.trim(),
                caller.required(), idempotencyKey);
        return Response.created(URI.create("/api/v1/orders/" + o.id())).entity(new PurchaseView(o.id(), o.paymentId(),
                o.quantityKg(), o.amountFen(), o.status().name(), o.expiresAt())).build();
    }

    @POST
    @Path("restoration-orders/{id}/offline-payment")
    @RolesAllowed(Role.Names.COURT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordOfflinePayment", summary = "Record an offline payment of the units in lieu",
            description = "Record that the units in lieu were paid into the court's own account (receipt number, "
            + "amount in fen, at least the order's amount): the units are retired at once, from the project named or "
            + "one with enough units. Send an Idempotency-Key header to make retries safe: the same key and request "
            + "answer the order again instead of 409 receipt-used")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT})
    @APIResponse(responseCode = "200", description = "The order with its units retired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestorationView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public RestorationView offlinePayment(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                          @PathParam("id") long id, RestorationPaymentService.OfflinePayment p) {
        return view(payments.offlinePayment(id, p, caller.required(), idempotencyKey));
    }
}
