package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.certificate.TicketCard;
import cn.yaan.carbonsink.certificate.TicketDocuments;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.tourism.BookingService;
import cn.yaan.carbonsink.tourism.BookingView;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

import java.net.URI;

/**
 * Visitors' bookings: a party in a timed slot, offset by retiring units; paying confirms it and issues its
 * carbon-neutral visit certificate; the ticket's QR code admits the party at the gate.
 */
@Path("v1")
@Tag(name = "Eco-tourism")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    @Inject
    BookingService bookings;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("bookings")
    @RolesAllowed(Role.Names.CITIZEN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createBooking", summary = "Book a visit",
            description = "Book a slot for 1-10 visitors (real names and resident ID numbers, stored sealed, shown "
            + "masked) and offset the trip: places and units are held until paid (paymentId, expiresAt). A full slot "
            + "is 409 slot-full. Send an Idempotency-Key header to make retries safe.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "201", description = "The booking, its places and units held until expiresAt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Response book(@HeaderParam("Idempotency-Key") String idempotencyKey, BookingService.Request request) {
        Caller me = caller.required();
        BookingView booking = bookings.book(request, me.username(), me.displayName(), idempotencyKey);
        return Response.created(URI.create("/api/v1/bookings/" + booking.bookingNo())).entity(booking).build();
    }

    @GET
    @Path("bookings/{no}")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "getBooking", summary = "One of the caller's bookings",
            description = "One of the caller's bookings (someone else's is 404)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    public BookingView get(@PathParam("no") String no) {
        return bookings.view(no, caller.required().username());
    }

    @POST
    @Path("bookings/{no}/cancellation")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "cancelBooking", summary = "Cancel a booking",
            description = "Cancel before the slot starts: the places go back; an unpaid order is cancelled, a paid "
            + "offset stays retired and its certificate valid. 409 once the party has been checked in.")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "200", description = "The booking, cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public BookingView cancel(@PathParam("no") String no) {
        return bookings.cancel(no, caller.required().username());
    }

    @GET
    @Path("bookings/{no}/ticket.png")
    @RolesAllowed(Role.Names.CITIZEN)
    @Produces("image/png")
    @Operation(operationId = "getTicketQr", summary = "A booking's ticket QR code (PNG)",
            description = "The e-ticket's QR code (signed: site, slot window, party size; no personal data); 409 "
            + "until the booking is paid")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "200", description = "The QR code the gate scans",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response ticket(@PathParam("no") String no, @QueryParam("size") @DefaultValue("360") @Min(120) @Max(1200) int size) {
        return Response.ok(QrCodes.png(bookings.ticket(no, caller.required().username()), size), "image/png")
                .header("Cache-Control", "private, no-store").build();
    }

    @GET
    @Path("bookings/{no}/ticket-card.png")
    @RolesAllowed(Role.Names.CITIZEN)
    @Produces("image/png")
    @Operation(operationId = "getTicketCard", summary = "A booking's ticket as a picture",
            description = "The ticket to save to the photo album: a phone-sized image with the site, the slot, the "
            + "party size, the booking number and the QR code the gate scans (no names or ID numbers); 409 until the "
            + "booking is paid, 404 for someone else's")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "200", description = "A phone-sized PNG",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response ticketCard(@PathParam("no") String no) {
        TicketCard card = bookings.ticketCard(no, caller.required().username());
        return download(TicketDocuments.png(card), "image/png", "ticket-" + card.bookingNo() + ".png");
    }

    @GET
    @Path("bookings/{no}/ticket.pdf")
    @RolesAllowed(Role.Names.CITIZEN)
    @Produces("application/pdf")
    @Operation(operationId = "getTicketPdf", summary = "A booking's ticket as a PDF",
            description = "The ticket to print: one A6 page with the same lines and QR code as the image; 409 until "
            + "the booking is paid, 404 for someone else's")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "200", description = "One A6 page",
            content = @Content(mediaType = "application/pdf",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response ticketPdf(@PathParam("no") String no) {
        TicketCard card = bookings.ticketCard(no, caller.required().username());
        return download(TicketDocuments.pdf(card), "application/pdf", "ticket-" + card.bookingNo() + ".pdf");
    }

    /** A file the browser saves under its name; never kept by a cache (it admits a party). */
    private static Response download(byte[] bytes, String mediaType, String filename) {
        return Response.ok(bytes, mediaType).header("Cache-Control", "private, no-store")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    @GET
    @Path("bookings/{no}/ticket")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(operationId = "getTicketText", summary = "A booking's ticket QR text",
            description = "The e-ticket's QR text, for apps that draw the code themselves")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.CITIZEN})
    @APIResponse(responseCode = "200", description = "The ticket's signed QR text",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TicketText.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public TicketText ticketText(@PathParam("no") String no) {
        return new TicketText(bookings.ticket(no, caller.required().username()));
    }

    @Schema(requiredProperties = {"qr"})
    public record TicketText(String qr) {
    }
}
