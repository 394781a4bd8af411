package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.ledger.PaymentService;
import cn.yaan.carbonsink.ledger.SimulatedPaymentProvider;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.tourism.BookingService;
import cn.yaan.carbonsink.tourism.CancellationRule;
import cn.yaan.carbonsink.tourism.BookingView;
import cn.yaan.carbonsink.tourism.BookingStatus;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.faces.view.ViewScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.util.Base64;

/**
 * A visitor's booking ({@code account/booking.xhtml}): the slot, the party (masked), the footprint and price, the
 * demo payment while unpaid, and once paid the e-ticket's QR code and the offset certificate.
 */
@Named
@ViewScoped
public class BookingBacking implements java.io.Serializable {

    @Inject
    BookingService bookings;

    @Inject
    PaymentService payments;

    @Inject
    CurrentCaller caller;

    @Inject
    transient AppClock clock;

    private String no;
    /** Whether the page is asking the visitor to confirm a cancellation. */
    private boolean confirmingCancel;
    private transient BookingView booking;

    public void load() throws IOException {
        if (getBooking() == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(404, "No such booking");
            faces.responseComplete();
        }
    }

    /** The booking of the {@code no} parameter if it is the caller's (read once per request, kept for the view). */
    public BookingView getBooking() {
        if (booking == null && no != null) {
            try {
                booking = bookings.view(no, caller.required().username());
            } catch (BusinessException e) {
                booking = null;
            }
        }
        return booking;
    }

    public String pay() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            String owner = caller.required().username();
            payments.paySimulated(bookings.paymentIdOf(no, owner), owner);
        } catch (BusinessException e) {
            Pages.error(faces, "checkout:pay", e);
            return null;
        }
        return "/account/booking?faces-redirect=true&no=" + no;
    }

    /** The first tap on "cancel": the page says what cancelling does and asks again. */
    public String askToCancel() {
        confirmingCancel = true;
        return null;
    }

    /** The visitor keeps the booking. */
    public String keep() {
        return "/account/booking?faces-redirect=true&no=" + no;
    }

    /** The second tap, after the consequences were shown. */
    public String cancel() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            bookings.cancel(no, caller.required().username());
        } catch (BusinessException e) {
            confirmingCancel = true;
            Pages.error(faces, "manage:cancel-yes", e);
            return null;
        }
        return "/account/booking?faces-redirect=true&no=" + no;
    }

    public boolean isConfirmingCancel() {
        return confirmingCancel;
    }

    /** The ticket's QR code as a data URI (the image lives in the page, so a screenshot of it works at the gate). */
    public String getTicketImage() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(bookings.ticket(no, caller.required().username()), 360));
    }

    public boolean isPayable() {
        return is(BookingStatus.HELD) && SimulatedPaymentProvider.on();
    }

    public boolean isConfirmed() {
        return is(BookingStatus.CONFIRMED);
    }

    /** Whether cancelling the paid booking now gives its payment back (the cancellation rule). */
    public boolean isRefundedOnCancel() {
        return isConfirmed() && CancellationRule.refunded(getBooking().slotStart(), clock.now());
    }

    /** The hours before the slot within which a cancellation is no longer refunded. */
    public long getRefundHours() {
        return CancellationRule.refundTime().toHours();
    }

    public boolean isCancellable() {
        return is(BookingStatus.HELD) || is(BookingStatus.CONFIRMED);
    }

    private boolean is(BookingStatus status) {
        return getBooking() != null && getBooking().status().equals(status.name());
    }

    public String getNo() { return no; }
    public void setNo(String no) { this.no = no; }
}
