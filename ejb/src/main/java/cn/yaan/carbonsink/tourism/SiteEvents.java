package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.LocalDate;

/**
 * What a site's connected systems (a ticket platform) are told, in the transaction of the change: a booking confirmed
 * or cancelled (numbers, slot and party size, never the visitors), a day closed. Addressed to the site's operator
 * organisation.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class SiteEvents {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<IntegrationEvent> events;

    void booking(IntegrationEvent.Type type, Booking booking) {
        VisitSlot slot = em.find(VisitSlot.class, booking.slotId());
        ScenicSite site = em.find(ScenicSite.class, slot.siteId());
        events.fire(IntegrationEvent.of(type, site.operatorOrg(), "bookingNo", booking.bookingNo(),
                "status", booking.status().name(), "site", site.code(), "slotStart", slot.startsAt(),
                "slotEnd", slot.endsAt(), "partySize", booking.partySize(), "certificateNo", booking.certificateNo()));
    }

    void dayClosed(ScenicSite site, LocalDate date, int slots) {
        events.fire(IntegrationEvent.of(IntegrationEvent.Type.SITE_DAY_CLOSED, site.operatorOrg(), "site", site.code(),
                "date", date, "slots", slots));
    }
}
