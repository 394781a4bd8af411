package cn.yaan.carbonsink.ledger;

/**
 * Fired (synchronously, in the same transaction) when a payment arrives after its order expired and the ledger could
 * hold the units again. A scheme that held something else for the order (a visit's places) takes it again, or
 * {@link #refuse refuses}: the units are let go and the payment is owed back (REFUND_DUE).
 */
public final class OrderRenewal {

    private final long orderId;
    private final OrderPurpose purpose;
    private final String reference;
    private boolean refused;

    OrderRenewal(long orderId, OrderPurpose purpose, String reference) {
        this.orderId = orderId;
        this.purpose = purpose;
        this.reference = reference;
    }

    public long orderId() {
        return orderId;
    }

    public OrderPurpose purpose() {
        return purpose;
    }

    public String reference() {
        return reference;
    }

    public void refuse() {
        refused = true;
    }

    boolean refused() {
        return refused;
    }
}
