package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.certificate.CertificateNumbers;
import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.certificate.TicketCard;
import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.ledger.AuditLedger;
import cn.yaan.carbonsink.ledger.LedgerLocks;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.PaymentService;
import cn.yaan.carbonsink.ledger.Refund;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.platform.Idempotency;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.ResidentIds;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Timed-entry bookings (docs/DOMAIN.md section 5). A booking holds places in its slot and units in a {@code VISIT}
 * order of the ledger; what the order's payment, expiry or cancellation does to it is {@link BookingPaymentService}. Locks follow the ledger's order ({@link LedgerLocks}):
 * the order, issuances, the audit head, then the booking, then its slot.
 */
@Stateless
public class BookingService {

    public static final String SCHEME_REF_PREFIX = "booking:";
    /** Characters of a visitor's name. */
    static final int NAME_MAX = 50;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    SiteService sites;

    @Inject
    OrderService orders;

    @Inject
    PaymentService payments;

    @Inject
    LedgerLocks ledgerLocks;

    @Inject
    PersonalData personalData;

    @Inject
    SigningKeys keys;

    @Inject
    AuditLedger audit;

    @Inject
    Idempotency idempotency;

    @Inject
    BookingViews views;

    @Inject
    SiteEvents siteEvents;

    /** A member of the party as entered: real name and resident ID number (both checked by {@link #party}). */
    @Schema(name = "Visitor")
    public record Person(@Schema(maxLength = NAME_MAX) String name, @Size(max = 40) String idNumber) {
    }

    /** A booking as asked for: the slot, the party (1 to 10) and the trip. */
    @Schema(name = "NewBooking")
    public record Request(@NotNull Long slotId, @NotEmpty @Size(max = 10) List<@NotNull @Valid Person> visitors,
                          @NotNull @Valid Footprint.TripEntry trip) {
    }

    /**
     * Books a slot for a party and holds the offset's units; with an {@code Idempotency-Key}, a retry of the same
     * request answers the booking it made.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BookingView book(@NotNull @Valid Request r, String owner, String displayName, String idempotencyKey) {
        return idempotency.once(new Idempotency.Request(owner, idempotencyKey, "POST /bookings", canonical(r)),
                () -> view(place(r, owner, displayName)), v -> SCHEME_REF_PREFIX + v.bookingNo(),
                ref -> view(ref.substring(SCHEME_REF_PREFIX.length()), owner));
    }

    /** The request as the text its idempotency hash is taken of (ID numbers only as their keyed hashes). */
    private String canonical(Request r) {
        StringBuilder text = new StringBuilder().append(r.slotId()).append('\n').append(r.trip().toTrip()).append('\n');
        if (r.visitors() != null) {
            r.visitors().forEach(p -> text.append(p == null || p.name() == null ? "" : p.name().strip()).append('\t')
                    .append(p == null || p.idNumber() == null ? ""
                            : personalData.lookupHash(p.idNumber().strip().toUpperCase(Locale.ROOT))).append('\n'));
        }
        return text.toString();
    }

    /** Makes the booking (in the caller's transaction). */
    Booking place(Request r, String owner, String displayName) {
        List<Booking.Visitor> party = party(r.visitors());
        Footprint.Trip trip = r.trip().toTrip();
        trip.check();
        VisitSlot slot = sites.slot(r.slotId());
        Instant now = clock.now();
        if (!now.isBefore(slot.endsAt())) {
            throw BusinessException.unprocessable("slot-past", "This slot has already ended; choose a later one.");
        }
        if (slot.closed()) {
            throw BusinessException.conflict("slot-closed", "The site is closed for new bookings on " + slot.date() + ".");
        }
        if (slot.remaining() < party.size()) {
            throw slotFull(slot.remaining());
        }
        List<TravelFactor> factors = sites.factors();
        Footprint.Result footprint = Footprint.of(trip, party.size(), SiteService.factorValues(factors));
        String bookingNo = CertificateNumbers.generate('T', clock.today().getYear());
        UnitOrder order = orders.reserve(new OrderService.ReserveRequest(OrderPurpose.VISIT, displayName, bookingNo,
                null, footprint.offsetKg(), owner));
        if (!sites.take(slot.id(), party.size())) {
            throw slotFull(sites.slot(slot.id()).remaining());
        }
        Booking booking = new Booking(bookingNo, slot.id(), owner, party, order.id(), trip, footprint,
                Footprint.FactorVersions.of(trip.mode(), factors), order.amountFen(), now, order.expiresAt());
        em.persist(booking);
        em.flush();
        audit.append(owner, "BOOKED booking=" + bookingNo + " slot=" + slot.id() + " party=" + party.size()
                + " order=" + order.id() + " offsetKg=" + footprint.offsetKg());
        return booking;
    }

    private static BusinessException slotFull(int remaining) {
        return BusinessException.conflict("slot-full", remaining <= 0
                ? "This slot is full; choose another time."
                : "Only " + remaining + " places are left in this slot; make the party smaller or choose another time.");
    }

    private List<Booking.Visitor> party(List<Person> people) {
        if (people == null || people.isEmpty() || people.size() > 10) {
            throw BusinessException.invalid("visitors", "A booking is for 1 to 10 visitors.");
        }
        List<BusinessException.FieldError> errors = new ArrayList<>();
        List<Booking.Visitor> party = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            String field = "visitors[" + i + "]";
            if (p == null) {
                errors.add(new BusinessException.FieldError(field, "A visitor is missing."));
                continue;
            }
            String name = null;
            try {
                name = FreeText.required(field + ".name", p.name(), NAME_MAX);
            } catch (BusinessException e) {
                errors.addAll(e.fieldErrors());
            }
            try {
                ResidentIds.ResidentId id = ResidentIds.parse(field + ".idNumber", p.idNumber(), clock.today());
                String hash = personalData.lookupHash(id.number());
                if (!seen.add(hash)) {
                    errors.add(new BusinessException.FieldError(field + ".idNumber", "This visitor is already in the party."));
                }
                if (name != null) {
                    party.add(new Booking.Visitor(personalData.protect(name), personalData.protect(id.number()), hash));
                }
            } catch (BusinessException e) {
                errors.addAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(errors);
        }
        return party;
    }

    public Booking byNo(String bookingNo) {
        return em.createNamedQuery("Booking.byNo", Booking.class).setParameter("no", bookingNo).getResultStream()
                .findFirst().orElseThrow(() -> BusinessException.notFound("No booking " + bookingNo + "."));
    }

    /** A booking of its owner; anyone else's is answered as if it did not exist. */
    public Booking own(String bookingNo, String owner) {
        Booking booking = byNo(bookingNo);
        if (!booking.owner().equals(owner)) {
            throw BusinessException.notFound("No booking " + bookingNo + ".");
        }
        return booking;
    }

    /** One booking of its owner, as the owner sees it. */
    public BookingView view(String bookingNo, String owner) {
        return view(own(bookingNo, owner));
    }

    /** The owner's bookings, newest first, with a fixed number of queries however many there are. */
    public List<BookingView> mine(String owner, int max) {
        return views.of(em.createNamedQuery("Booking.ofOwner", Booking.class).setParameter("owner", owner)
                .setMaxResults(max).getResultList());
    }

    /** The numbers of the offset certificates of the owner's bookings (a cancelled booking's stays valid). */
    public List<String> certificateNumbers(String owner) {
        return em.createQuery("select b.certificateNo from Booking b where b.owner = :owner and b.certificateNo is not null",
                String.class).setParameter("owner", owner).getResultList();
    }

    private BookingView view(Booking booking) {
        return views.of(List.of(booking)).get(0);
    }

    /**
     * Cancels before the slot starts. Unpaid: the order is cancelled and the places and units go back. Paid: the
     * places go back and the payment is owed back under the cancellation rule ({@link CancellationRule}); the
     * retirement is final and the certificate stays valid as an offset. A party already checked in cannot be
     * cancelled (its places are in use). Whatever happens to the order at the same moment (a payment,
     * the expiry job), the booking is read under its lock after the ledger's part, so the answer is what it is.
     */
    public BookingView cancel(String bookingNo, String owner) {
        Booking booking = own(bookingNo, owner);
        VisitSlot slot = sites.slot(booking.slotId());
        if (!clock.now().isBefore(slot.startsAt())) {
            throw BusinessException.conflict("slot-started", "The slot has started; a booking can only be cancelled before it.");
        }
        UnitOrder order = ledgerLocks.order(booking.orderId());
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            orders.cancel(order.id(), owner);
        }
        booking = RowLocks.fresh(em, booking);
        if (booking.status() == BookingStatus.CANCELLED) {
            return view(booking);
        }
        if (booking.status() != BookingStatus.CONFIRMED) {
            throw BusinessException.conflict("booking-not-cancellable",
                    "This booking is " + booking.status() + "; it cannot be cancelled.");
        }
        if (em.find(CheckIn.class, booking.id()) != null) {
            throw BusinessException.conflict("booking-checked-in",
                    "The party has been checked in at the gate; the booking can no longer be cancelled.");
        }
        booking.cancel(clock.now());
        if (CancellationRule.refunded(slot.startsAt(), clock.now())) {
            payments.refundRetired(order, Refund.Reason.BOOKING_CANCELLED, owner);
        }
        sites.giveBack(booking.slotId(), booking.partySize());
        audit.append(owner, "BOOKING_CANCELLED booking=" + bookingNo + " places=" + booking.partySize());
        siteEvents.booking(IntegrationEvent.Type.BOOKING_CANCELLED, booking);
        return view(booking);
    }

    /** The e-ticket's QR text: the signed payload (no personal data). Only a confirmed booking has one. */
    public String ticket(String bookingNo, String owner) {
        Booking booking = own(bookingNo, owner);
        if (booking.status() != BookingStatus.CONFIRMED) {
            throw BusinessException.conflict("booking-not-confirmed",
                    "Only a paid booking has a ticket; this one is " + booking.status() + ".");
        }
        VisitSlot slot = sites.slot(booking.slotId());
        ScenicSite site = em.find(ScenicSite.class, slot.siteId());
        TicketPayload payload = new TicketPayload(keys.activeKeyId(), booking.bookingNo(), booking.certificateNo(),
                site.code(), slot.startsAt(), slot.endsAt(), booking.partySize());
        return payload.encode(keys.sign(payload.body()));
    }

    /**
     * The ticket to save or print: site, slot, party size, booking number and the QR text ({@link #ticket}); no
     * names or ID numbers. Only a confirmed booking of the owner has one (409, or 404 for anyone else's).
     */
    public TicketCard ticketCard(String bookingNo, String owner) {
        String qr = ticket(bookingNo, owner);
        Booking booking = own(bookingNo, owner);
        VisitSlot slot = sites.slot(booking.slotId());
        ScenicSite site = em.find(ScenicSite.class, slot.siteId());
        return new TicketCard(booking.bookingNo(), site.nameZh(), site.nameEn(), slot.startsAt(), slot.endsAt(),
                booking.partySize(), qr);
    }

    /** The payment id of the booking's order (what the checkout pays). */
    public String paymentIdOf(String bookingNo, String owner) {
        return orders.order(own(bookingNo, owner).orderId()).paymentId();
    }
}
