package cn.yaan.carbonsink.ledger;

/**
 * Fired (synchronously, in the same transaction) when an unpaid order lets its units go because it expired or was
 * cancelled, so that a scheme can release what it held alongside (a visit's places).
 */
public record OrderReleased(long orderId, OrderPurpose purpose, String reference, OrderStatus status) {
}
