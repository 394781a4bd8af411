package cn.yaan.carbonsink.tourism;

/** Where a booking stands. */
public enum BookingStatus {
    /** Places and units are held while the visitor pays. */
    HELD,
    /** Paid: the units are retired, the certificate issued, the ticket valid. */
    CONFIRMED,
    /** Cancelled by the visitor: the places are free again (a paid offset stays retired and its certificate valid). */
    CANCELLED,
    /** Not paid in time: places and units went back. */
    EXPIRED,
    /** Paid after expiry when the slot had no room left: the payment is owed back. */
    REFUND_DUE
}
