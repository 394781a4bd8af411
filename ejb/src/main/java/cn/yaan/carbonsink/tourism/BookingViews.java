package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.identity.PersonalData;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.shared.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bookings as their owners see them, built with a fixed number of queries however many there are: the slots, the
 * sites and the orders' payment ids of all of them at once, the visitors in batches.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class BookingViews {

    @Inject
    SiteService sites;

    @Inject
    OrderService orders;

    @Inject
    PersonalData personalData;

    List<BookingView> of(List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return List.of();
        }
        Map<Long, VisitSlot> slots = sites.slotsById(bookings.stream().map(Booking::slotId).collect(Collectors.toSet()));
        Map<Long, ScenicSite> siteById = sites.sitesById(slots.values().stream().map(VisitSlot::siteId)
                .collect(Collectors.toSet()));
        Map<Long, String> paymentIds = orders.paymentIds(bookings.stream().map(Booking::orderId).toList());
        return bookings.stream().map(b -> {
            VisitSlot slot = slots.get(b.slotId());
            ScenicSite site = siteById.get(slot.siteId());
            List<BookingView.PartyMember> party = b.visitors().stream().map(v -> new BookingView.PartyMember(
                    Masking.name(personalData.reveal(v.nameSealed)), Masking.idNumber(personalData.reveal(v.idSealed))))
                    .toList();
            return new BookingView(b.bookingNo(), b.status().name(), site.code(), site.nameZh(), site.nameEn(),
                    slot.id(), slot.startsAt(), slot.endsAt(), b.partySize(), party, b.trip(), b.footprintKg(), b.factorVersions(),
                    b.offsetKg(), b.amountFen(), paymentIds.get(b.orderId()), b.orderId(), b.expiresAt(),
                    b.confirmedAt(), b.cancelledAt(), b.certificateNo(), slot.closed(), slot.closedReason());
        }).toList();
    }
}
