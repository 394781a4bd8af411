package cn.yaan.carbonsink.certificate;

import java.time.Instant;

/**
 * What a visit ticket shows when saved as an image or printed: the site, the slot, the party's size, the booking
 * number and the QR code the gate scans. Nothing else: no names, no ID numbers.
 *
 * @param qrText the ticket's signed QR text, exactly as the gate reads it
 */
public record TicketCard(String bookingNo, String siteZh, String siteEn, Instant slotStart, Instant slotEnd,
                         int partySize, String qrText) {
}
