package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateNumbers;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.ledger.AuditLedger;
import cn.yaan.carbonsink.ledger.LedgerService;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderReleased;
import cn.yaan.carbonsink.ledger.OrderRenewal;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.ResidentIds;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.shared.Sha256;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Timed-entry bookings (DOMAIN.md section 5). A booking holds places in its slot and units in a {@code VISIT} order
 * of the ledger; paying the order retires the units, confirms the booking and issues its
 * {@code CARBON_NEUTRAL_VISIT} certificate in the same transaction. An unpaid order that expires or is cancelled
 * gives the places back (observing the ledger's events). Lock order, as in the ledger: issuances, then the slot.
 */
@Stateless
public class Bookings {

    public static final String SCHEME_REF_PREFIX = "booking:";
    /** Characters of a visitor's name. */
    static final int NAME_MAX = 50;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    Sites sites;

    @Inject
    LedgerService ledger;

    @Inject
    PersonalData personalData;

    @Inject
    CertificateService certificates;

    @Inject
    SigningKeys keys;

    @Inject
    AuditLedger audit;

    /** A member of the party as entered: real name and resident ID number. */
    public record Person(String name, String idNumber) {
    }

    public record Request(long slotId, List<Person> visitors, Footprint.Trip trip) {
    }

    /** A booking with whether it was made by this request or found by its idempotency key. */
    public record Made(Booking booking, boolean replayed) {
    }

    /** The answer of an earlier request with this key, if any; 422 when the key was used for another request. */
    public Optional<Booking> replay(String requestKey, String requestHash) {
        Optional<Booking> earlier = em.createNamedQuery("Booking.byRequestKey", Booking.class)
                .setParameter("key", requestKey).getResultStream().findFirst();
        if (earlier.isPresent() && !earlier.get().requestHash().equals(requestHash)) {
            throw BusinessException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for a different booking; use a new key for a new booking.");
        }
        return earlier;
    }

    /** Canonical text of a request for its idempotency hash (ID numbers only as their keyed hashes). */
    public String requestHash(Request r) {
        StringBuilder text = new StringBuilder().append(r.slotId()).append('\n').append(r.trip()).append('\n');
        r.visitors().forEach(p -> text.append(p.name() == null ? "" : p.name().strip()).append('\t')
                .append(p.idNumber() == null ? "" : personalData.lookupHash(p.idNumber().strip().toUpperCase(java.util.Locale.ROOT))).append('\n'));
        return Sha256.hex(text.toString());
    }

    public Booking book(Request r, String owner, String displayName, String requestKey, String requestHash) {
        List<Booking.Visitor> party = party(r.visitors());
        r.trip().check();
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
        Footprint.Result footprint = Footprint.of(r.trip(), party.size(), sites.factorValues());
        String bookingNo = CertificateNumbers.generate('T', clock.today().getYear());
        UnitOrder order = ledger.reserve(new LedgerService.ReserveRequest(OrderPurpose.VISIT, displayName, bookingNo,
                null, footprint.offsetKg(), owner));
        if (!sites.take(slot.id(), party.size())) {
            throw slotFull(sites.slot(slot.id()).remaining());
        }
        Booking booking = new Booking(bookingNo, slot.id(), owner, party, order.id(), r.trip(), footprint,
                order.amountFen(), now, order.expiresAt(), requestKey, requestHash);
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

    public List<Booking> mine(String owner, int max) {
        return em.createNamedQuery("Booking.ofOwner", Booking.class).setParameter("owner", owner).setMaxResults(max)
                .getResultList();
    }

    /** The party as the owner may see it: names and ID numbers masked. */
    public List<String[]> maskedParty(Booking booking) {
        return em.find(Booking.class, booking.id()).visitors().stream().map(v -> new String[]{Masking.name(personalData.reveal(v.nameSealed)),
                Masking.idNumber(personalData.reveal(v.idSealed))}).toList();
    }

    /**
     * Cancels before the slot starts. Unpaid: the order is cancelled and the places and units go back. Paid: the
     * places go back; the retirement is final and the certificate stays valid as an offset.
     */
    public Booking cancel(String bookingNo, String owner) {
        Booking booking = own(bookingNo, owner);
        VisitSlot slot = sites.slot(booking.slotId());
        if (!clock.now().isBefore(slot.startsAt())) {
            throw BusinessException.conflict("slot-started", "The slot has started; a booking can only be cancelled before it.");
        }
        if (booking.status == BookingStatus.HELD) {
            // The ledger's lock order (order, then booking in onReleased), as a payment arriving now takes it.
            ledger.cancel(booking.orderId(), owner);
            em.refresh(booking);
            return booking;
        }
        em.lock(booking, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(booking);
        if (booking.status != BookingStatus.CONFIRMED) {
            throw BusinessException.conflict("booking-not-cancellable", "This booking is " + booking.status + "; it cannot be cancelled.");
        }
        sites.giveBack(booking.slotId(), booking.partySize());
        booking.status = BookingStatus.CANCELLED;
        booking.cancelledAt = clock.now();
        audit.append(owner, "BOOKING_CANCELLED booking=" + bookingNo + " places=" + booking.partySize());
        return booking;
    }

    /** The e-ticket's QR text: the signed payload (no personal data). Only a confirmed booking has one. */
    public String ticket(Booking booking) {
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

    // ---------------------------------------------------------------- the ledger's events

    public void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() != OrderPurpose.VISIT) {
            return;
        }
        Booking booking = lockedByNo(retired.reference());
        if (booking.status != BookingStatus.HELD) {
            return;
        }
        booking.status = BookingStatus.CONFIRMED;
        booking.confirmedAt = clock.now();
        Certificate certificate = certificates.issue(new CertificateService.Request(CertificateKind.CARBON_NEUTRAL_VISIT,
                retired.beneficiary(), retired.quantityKg(), null, retired.serialBlocks(),
                SCHEME_REF_PREFIX + booking.bookingNo(), Settings.get("carbonsink.certificate-issuer", "雅安市林业局")));
        booking.certificateNo = certificate.number();
        audit.append("system", "BOOKING_CONFIRMED booking=" + booking.bookingNo() + " certificate=" + certificate.number());
    }

    public void onReleased(@Observes OrderReleased released) {
        if (released.purpose() != OrderPurpose.VISIT) {
            return;
        }
        Booking booking = lockedByNo(released.reference());
        if (booking.status != BookingStatus.HELD) {
            return;
        }
        sites.giveBack(booking.slotId(), booking.partySize());
        booking.status = released.status() == OrderStatus.CANCELLED ? BookingStatus.CANCELLED : BookingStatus.EXPIRED;
        if (booking.status == BookingStatus.CANCELLED) {
            booking.cancelledAt = clock.now();
        }
        audit.append("system", "BOOKING_RELEASED booking=" + booking.bookingNo() + " places=" + booking.partySize()
                + " " + booking.status);
    }

    public void onRenewal(@Observes OrderRenewal renewal) {
        if (renewal.purpose() != OrderPurpose.VISIT) {
            return;
        }
        Booking booking = lockedByNo(renewal.reference());
        if (booking.status == BookingStatus.EXPIRED && sites.take(booking.slotId(), booking.partySize())) {
            booking.status = BookingStatus.HELD;
            audit.append("system", "BOOKING_RENEWED booking=" + booking.bookingNo());
            return;
        }
        renewal.refuse();
        booking.status = BookingStatus.REFUND_DUE;
        audit.append("system", "BOOKING_REFUND_DUE booking=" + booking.bookingNo() + " (paid after expiry, slot full)");
    }

    private Booking lockedByNo(String bookingNo) {
        return em.createNamedQuery("Booking.byNo", Booking.class).setParameter("no", bookingNo)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
    }
}
