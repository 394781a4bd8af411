package cn.yaan.carbonsink.ledger;

/**
 * {@code PENDING_PAYMENT -> PAID -> RETIRED} (payment retires the held units in the same transaction, so PAID is
 * only ever seen inside it), or {@code EXPIRED} (holds released), {@code CANCELLED}, or {@code REFUND_DUE} (paid
 * after expiry when the units were no longer available: nothing is retired, the money goes back).
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, RETIRED, EXPIRED, CANCELLED, REFUND_DUE
}
