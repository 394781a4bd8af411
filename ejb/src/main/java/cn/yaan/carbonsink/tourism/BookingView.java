package cn.yaan.carbonsink.tourism;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A booking as its owner sees it, on a page or through the API: the party masked; whether the site closed the
 * slot's day since, and why.
 */
@Schema(requiredProperties = {
        "bookingNo", "status", "site", "slotId", "slotStart", "slotEnd", "partySize", "party", "offsetKg", "amountFen"})
public record BookingView(String bookingNo, @Schema(implementation = BookingStatus.class) String status, String site,
                          String siteNameZh, String siteNameEn,
                          long slotId, Instant slotStart, Instant slotEnd, int partySize, List<PartyMember> party,
                          Footprint.Trip trip, BigDecimal footprintKg, Footprint.FactorVersions factorVersions, long offsetKg, long amountFen,
                          String paymentId, long orderId, Instant expiresAt, Instant confirmedAt,
                          Instant cancelledAt, String certificateNo, boolean slotClosed, String slotClosedReason) {

    /** A member of the party, masked. */
    public record PartyMember(String name, String idNumber) {
    }
}
