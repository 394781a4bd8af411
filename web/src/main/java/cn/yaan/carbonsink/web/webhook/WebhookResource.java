package cn.yaan.carbonsink.web.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import cn.yaan.carbonsink.webhook.WebhookService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Webhooks of an organisation's systems: a court's for its restoration orders, a scenic site's for its bookings and
 * closures, an administrator's for everything. Signed as the Standard Webhooks specification says (README, Webhooks).
 */
@Path("v1/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed({Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "subscribeWebhook", summary = "Subscribe to events",
            description = "Subscribe the caller's organisation to events (courts: restoration.paid, .fulfilled, "
            + ".overdue; site operators: booking.confirmed, booking.cancelled, site.day-closed; administrators any, "
            + "certificate.revoked included, for every organisation)" + ". " + "201 with the signing secret (whsec_...), shown this once. 400 url when the address is not "
                    + "https, cannot be resolved, or is link-local, a metadata service or this machine; 403 "
                    + "event-not-yours for another organisation kind's events; 409 too-many-webhooks beyond 10.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @APIResponse(responseCode = "201", description = "The webhook with its signing secret, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookService.SubscriptionView.class)))
    public Response subscribe(WebhookService.NewSubscription s) {
        WebhookService.SubscriptionView created = webhooks.subscribe(s, caller.required());
        return Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @Operation(operationId = "listWebhooks", summary = "The organisation's webhooks",
            description = "The organisation's webhooks (an administrator's: all), newest first, without secrets")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    public List<WebhookService.SubscriptionView> list() {
        return webhooks.subscriptions(caller.required());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @Operation(operationId = "deactivateWebhook", summary = "Deactivate a webhook",
            description = "Deactivate a webhook: nothing more is sent to it; its deliveries stay listed")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    public WebhookService.SubscriptionView deactivate(@PathParam("id") long id) {
        return webhooks.deactivate(id, caller.required());
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @Operation(operationId = "listWebhookDeliveries", summary = "A webhook's deliveries",
            description = "A webhook's deliveries, newest first: the event and its body, PENDING or DELIVERED, "
            + "attempts, the receiver's last status or error, the next attempt")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    public List<WebhookService.DeliveryView> deliveries(@PathParam("id") long id,
                                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return webhooks.deliveries(id, limit, caller.required());
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @RolesAllowed({Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @Operation(operationId = "replayWebhookDelivery", summary = "Send an event again",
            description = "Send an event again, with its own id (webhook-id), after what is queued already: 202 with "
            + "the new delivery")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.COURT, Role.Names.SITE_OPERATOR, Role.Names.ADMIN})
    @APIResponse(responseCode = "202", description = "The new delivery, queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookService.DeliveryView.class)))
    public Response replay(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        return Response.accepted(webhooks.replay(id, deliveryId, caller.required())).build();
    }
}
