package cn.yaan.carbonsink.web.view;

import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.ledger.LedgerService;
import cn.yaan.carbonsink.ledger.SimulatedPaymentProvider;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.Booking;
import cn.yaan.carbonsink.tourism.BookingStatus;
import cn.yaan.carbonsink.tourism.Bookings;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.Sites;
import cn.yaan.carbonsink.tourism.VisitSlot;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.faces.view.ViewScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * A visitor's booking ({@code account/booking.xhtml}): the slot, the party (masked), the footprint and price, the
 * demo payment while unpaid, and once paid the e-ticket's QR code and the offset certificate.
 */
@Named
@ViewScoped
public class BookingBacking implements java.io.Serializable {

    @Inject
    transient Bookings bookings;

    @Inject
    transient Sites sites;

    @Inject
    transient LedgerService ledger;

    @Inject
    transient CurrentCaller caller;

    private String no;
    private transient Booking booking;
    private transient VisitSlot slot;
    private transient ScenicSite site;

    public void load() throws IOException {
        if (getBooking() == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(404, "No such booking");
            faces.responseComplete();
        }
    }

    /** The booking of the {@code no} parameter if it is the caller's (read once per request, kept for the view). */
    public Booking getBooking() {
        if (booking == null && no != null) {
            try {
                booking = bookings.own(no, caller.required().username());
                slot = sites.slot(booking.slotId());
                site = sites.siteOf(slot);
            } catch (BusinessException e) {
                booking = null;
            }
        }
        return booking;
    }

    public String pay() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            Booking current = bookings.own(no, caller.required().username());
            ledger.paySimulated(ledger.order(current.orderId()).paymentId(), caller.required().username());
        } catch (BusinessException e) {
            Pages.error(faces, "checkout:pay", e);
            return null;
        }
        return "/account/booking?faces-redirect=true&no=" + no;
    }

    public String cancel() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            bookings.cancel(no, caller.required().username());
        } catch (BusinessException e) {
            Pages.error(faces, "manage:cancel", e);
            return null;
        }
        return "/account/booking?faces-redirect=true&no=" + no;
    }

    /** The ticket's QR code as a data URI (the image lives in the page, so a screenshot of it works at the gate). */
    public String getTicketImage() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(bookings.ticket(getBooking()), 360));
    }

    public boolean isPayable() {
        Booking booking = getBooking();
        return booking != null && booking.status() == BookingStatus.HELD && SimulatedPaymentProvider.on();
    }

    public boolean isConfirmed() {
        Booking booking = getBooking();
        return booking != null && booking.status() == BookingStatus.CONFIRMED;
    }

    public boolean isCancellable() {
        Booking booking = getBooking();
        return booking != null && (booking.status() == BookingStatus.HELD || booking.status() == BookingStatus.CONFIRMED);
    }

    public List<String[]> getParty() {
        return bookings.maskedParty(getBooking());
    }

    public String getNo() { return no; }
    public void setNo(String no) { this.no = no; }
    public VisitSlot getSlot() { getBooking(); return slot; }
    public ScenicSite getSite() { getBooking(); return site; }
}
