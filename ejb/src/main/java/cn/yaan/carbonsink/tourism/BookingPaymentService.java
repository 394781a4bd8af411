package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.ledger.AuditLedger;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderReleased;
import cn.yaan.carbonsink.ledger.OrderRenewal;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What happens to a booking when its order changes in the ledger, in the ledger's own transaction: paid, the
 * booking is confirmed and its CARBON_NEUTRAL_VISIT certificate issued; cancelled or expired unpaid, its places go
 * back; paid after expiry, it takes its places again if they are free, else the payment is owed back. The booking is
 * locked after the ledger's rows ({@code LedgerLocks}), then its slot.
 */
@Stateless
public class BookingPaymentService {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    SiteService sites;

    @Inject
    CertificateService certificates;

    @Inject
    AuditLedger audit;

    @Inject
    SiteEvents siteEvents;

    public void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() != OrderPurpose.VISIT) {
            return;
        }
        Booking booking = locked(retired.reference());
        if (booking.status() != BookingStatus.HELD) {
            return;
        }
        String number = certificates.issue(new CertificateService.Request(CertificateKind.CARBON_NEUTRAL_VISIT,
                retired.beneficiary(), retired.quantityKg(), null, retired.serialBlocks(),
                BookingService.SCHEME_REF_PREFIX + booking.bookingNo(), CertificateService.issuer(),
                visitFacts(booking))).number();
        booking.confirm(clock.now(), number);
        audit.append("system", "BOOKING_CONFIRMED booking=" + booking.bookingNo() + " certificate=" + number);
        siteEvents.booking(IntegrationEvent.Type.BOOKING_CONFIRMED, booking);
    }

    /** The site (in both languages), the slot (China Standard Time) and the party size: what the ticket is for. */
    private List<Certificate.Fact> visitFacts(Booking booking) {
        VisitSlot slot = em.find(VisitSlot.class, booking.slotId());
        ScenicSite site = em.find(ScenicSite.class, slot.siteId());
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
        return List.of(new Certificate.Fact("site", site.nameZh() + " / " + site.nameEn()),
                new Certificate.Fact("slot", slot.date() + " " + time.format(slot.startsAt().atZone(AppClock.ZONE))
                        + "–" + time.format(slot.endsAt().atZone(AppClock.ZONE))),
                new Certificate.Fact("party", String.valueOf(booking.partySize())));
    }

    public void onReleased(@Observes OrderReleased released) {
        if (released.purpose() != OrderPurpose.VISIT) {
            return;
        }
        Booking booking = locked(released.reference());
        if (booking.status() != BookingStatus.HELD) {
            return;
        }
        booking.release(released.status() == OrderStatus.CANCELLED, clock.now());
        sites.giveBack(booking.slotId(), booking.partySize());
        audit.append("system", "BOOKING_RELEASED booking=" + booking.bookingNo() + " places=" + booking.partySize()
                + " " + booking.status());
        siteEvents.booking(IntegrationEvent.Type.BOOKING_CANCELLED, booking);
    }

    public void onRenewal(@Observes OrderRenewal renewal) {
        if (renewal.purpose() != OrderPurpose.VISIT) {
            return;
        }
        Booking booking = locked(renewal.reference());
        if (booking.status() != BookingStatus.EXPIRED) {
            renewal.refuse();
            return;
        }
        if (sites.take(booking.slotId(), booking.partySize())) {
            booking.renew();
            audit.append("system", "BOOKING_RENEWED booking=" + booking.bookingNo());
            return;
        }
        renewal.refuse();
        booking.refundDue();
        audit.append("system", "BOOKING_REFUND_DUE booking=" + booking.bookingNo() + " (paid after expiry, slot full)");
    }

    private Booking locked(String bookingNo) {
        Long id = em.createNamedQuery("Booking.idByNo", Long.class).setParameter("no", bookingNo).getSingleResult();
        return RowLocks.byId(em, Booking.class, id);
    }
}
