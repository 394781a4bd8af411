package cn.yaan.carbonsink.web.rest;

import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.LedgerService;
import cn.yaan.carbonsink.tourism.Booking;
import cn.yaan.carbonsink.tourism.Bookings;
import cn.yaan.carbonsink.tourism.Footprint;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.Sites;
import cn.yaan.carbonsink.tourism.VisitSlot;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Visitors' bookings: a party in a timed slot, offset by retiring units; paying confirms it and issues its
 * carbon-neutral visit certificate; the ticket's QR code admits the party at the gate.
 */
@Path("v1")
@Tag(name = "Eco-tourism")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    @Inject
    Bookings bookings;

    @Inject
    Sites sites;

    @Inject
    LedgerService ledger;

    @Inject
    CurrentCaller caller;

    public record Visitor(@Schema(maxLength = 50) String name, @Size(max = 40) String idNumber) {
    }

    public record NewBooking(@NotNull Long slotId, @NotEmpty @Size(max = 10) List<@NotNull @Valid Visitor> visitors,
                             @NotNull @Valid SiteResource.Trip trip) {
    }

    public record PartyMember(String name, String idNumber) {
    }

    public record BookingView(String bookingNo, String status, String site, String siteNameZh, String siteNameEn,
                              long slotId, Instant slotStart, Instant slotEnd, int partySize, List<PartyMember> party,
                              Footprint.Trip trip, BigDecimal footprintKg, long offsetKg, long amountFen,
                              String paymentId, long orderId, Instant expiresAt, Instant confirmedAt,
                              Instant cancelledAt, String certificateNo) {
    }

    BookingView view(Booking b) {
        VisitSlot slot = sites.slot(b.slotId());
        ScenicSite site = sites.siteOf(slot);
        List<PartyMember> party = bookings.maskedParty(b).stream().map(p -> new PartyMember(p[0], p[1])).toList();
        return new BookingView(b.bookingNo(), b.status().name(), site.code(), site.nameZh(), site.nameEn(), slot.id(),
                slot.startsAt(), slot.endsAt(), b.partySize(), party, b.trip(), b.footprintKg(), b.offsetKg(),
                b.amountFen(), ledger.order(b.orderId()).paymentId(), b.orderId(), b.expiresAt(), b.confirmedAt(),
                b.cancelledAt(), b.certificateNo());
    }

    @POST
    @Path("bookings")
    @RolesAllowed(Role.Names.CITIZEN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a slot for 1-10 visitors (real names and resident ID numbers, stored sealed, shown "
            + "masked) and offset the trip: places and units are held until paid (paymentId, expiresAt). A full slot "
            + "is 409 slot-full. Send an Idempotency-Key header to make retries safe.")
    public Response book(@HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull @Valid NewBooking n) {
        Caller me = caller.required();
        Bookings.Request request = new Bookings.Request(n.slotId(), n.visitors().stream()
                .map(v -> new Bookings.Person(v.name(), v.idNumber())).toList(), n.trip().toDomain());
        String key = IdempotencyKeys.scoped(idempotencyKey, me.username());
        if (key == null) {
            return created(bookings.book(request, me.username(), me.displayName(), null, null));
        }
        String hash = bookings.requestHash(request);
        return created(IdempotencyKeys.replayOrRun(() -> bookings.replay(key, hash),
                () -> bookings.book(request, me.username(), me.displayName(), key, hash)));
    }

    private Response created(Booking b) {
        return Response.created(URI.create("/api/v1/bookings/" + b.bookingNo())).entity(view(b)).build();
    }

    @GET
    @Path("bookings/{no}")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(summary = "One of the caller's bookings (someone else's is 404)")
    public BookingView get(@PathParam("no") String no) {
        return view(bookings.own(no, caller.required().username()));
    }

    /** The caller's bookings, newest first; {@code GET /api/v1/me/bookings} answers this. */
    List<BookingView> mine() {
        return bookings.mine(caller.required().username(), 100).stream().map(this::view).toList();
    }

    @POST
    @Path("bookings/{no}/cancellation")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(summary = "Cancel before the slot starts: the places go back; an unpaid order is cancelled, a paid "
            + "offset stays retired and its certificate valid")
    public BookingView cancel(@PathParam("no") String no) {
        return view(bookings.cancel(no, caller.required().username()));
    }

    @GET
    @Path("bookings/{no}/ticket.png")
    @RolesAllowed(Role.Names.CITIZEN)
    @Produces("image/png")
    @Operation(summary = "The e-ticket's QR code (signed: site, slot window, party size; no personal data); 409 "
            + "until the booking is paid")
    public Response ticket(@PathParam("no") String no, @QueryParam("size") @DefaultValue("360") @Min(120) @Max(1200) int size) {
        Booking booking = bookings.own(no, caller.required().username());
        return Response.ok(QrCodes.png(bookings.ticket(booking), size), "image/png")
                .header("Cache-Control", "private, no-store").build();
    }

    @GET
    @Path("bookings/{no}/ticket")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(summary = "The e-ticket's QR text, for apps that draw the code themselves")
    public TicketText ticketText(@PathParam("no") String no) {
        return new TicketText(bookings.ticket(bookings.own(no, caller.required().username())));
    }

    public record TicketText(String qr) {
    }
}
