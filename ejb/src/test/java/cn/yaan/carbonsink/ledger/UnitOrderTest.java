package cn.yaan.carbonsink.ledger;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status rules of an order for units, without a database. */
class UnitOrderTest {

    static final Instant CREATED = Instant.parse("2026-05-01T02:00:00Z");
    static final Instant EXPIRES = CREATED.plus(Duration.ofMinutes(15));

    static UnitOrder order() {
        return new UnitOrder("pay-1", OrderPurpose.DIRECT, "张三", null, null, 100, 0, "citizen", CREATED, EXPIRES);
    }

    @Test
    void aNewOrderWaitsForItsPaymentWithWhatItWasGiven() {
        UnitOrder o = new UnitOrder("pay-2", OrderPurpose.VISIT, "李四", "T-2026-AAAA", 7L, 36, 288, "visitor", CREATED, EXPIRES);
        assertThat(o.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(o.paymentId()).isEqualTo("pay-2");
        assertThat(o.purpose()).isEqualTo(OrderPurpose.VISIT);
        assertThat(o.beneficiary()).isEqualTo("李四");
        assertThat(o.reference()).isEqualTo("T-2026-AAAA");
        assertThat(o.projectId()).isEqualTo(7L);
        assertThat(o.quantityKg()).isEqualTo(36);
        assertThat(o.amountFen()).isEqualTo(288);
        assertThat(o.owner()).isEqualTo("visitor");
        assertThat(o.createdAt()).isEqualTo(CREATED);
        assertThat(o.expiresAt()).isEqualTo(EXPIRES);
        assertThat(o.paidAt()).isNull();
        assertThat(o.id()).as("given by the database").isNull();
    }

    @Test
    void aPaymentInTimePaysAndTheRetirementSettlesIt() {
        UnitOrder o = order();
        o.priced(800);
        o.pay(EXPIRES.minusNanos(1), "simulated:pay-1");
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.paidAt()).isEqualTo(EXPIRES.minusNanos(1));
        assertThat(o.paymentRef()).isEqualTo("simulated:pay-1");
        assertThat(o.amountFen()).isEqualTo(800);
        assertThat(o.settled()).isFalse();
        o.retired();
        assertThat(o.status()).isEqualTo(OrderStatus.RETIRED);
        assertThat(o.settled()).isTrue();
    }

    @Test
    void aPaymentAtTheMomentOfExpiryIsLate() {
        assertThat(order().pendingAt(EXPIRES.minusNanos(1))).isTrue();
        assertThat(order().pendingAt(EXPIRES)).isFalse();
        assertThatThrownBy(() -> order().pay(EXPIRES, "ref")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnUnpaidOrderCanBeCancelledAndACancelledOneCannotBePaid() {
        UnitOrder o = order();
        o.cancel();
        assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(o.settled()).isTrue();
        assertThat(o.pendingAt(CREATED)).isFalse();
        assertThatThrownBy(() -> o.pay(CREATED, "ref")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(o::cancel).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> o.expire(EXPIRES)).isInstanceOf(IllegalStateException.class);

        UnitOrder paid = order();
        paid.pay(CREATED, "ref");
        assertThatThrownBy(paid::cancel).as("a paid order").isInstanceOf(IllegalStateException.class);
        paid.retired();
        assertThatThrownBy(paid::cancel).as("a retired order").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> paid.pay(CREATED, "ref2")).as("paid twice").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOrderExpiresOnlyWhenItsTimeHasRunOut() {
        UnitOrder o = order();
        assertThatThrownBy(() -> o.expire(EXPIRES.minusNanos(1))).isInstanceOf(IllegalStateException.class);
        assertThat(o.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        o.expire(EXPIRES);
        assertThat(o.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(o.settled()).isFalse();
        assertThatThrownBy(() -> o.expire(EXPIRES)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> o.pay(EXPIRES, "ref")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLatePaymentRenewsAnExpiredOrderOrIsOwedBack() {
        UnitOrder renewed = order();
        renewed.expire(EXPIRES);
        Instant later = EXPIRES.plus(Duration.ofHours(1));
        renewed.renew(later.plus(Duration.ofMinutes(15)));
        assertThat(renewed.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(renewed.expiresAt()).isEqualTo(later.plus(Duration.ofMinutes(15)));
        renewed.pay(later, "late");
        assertThat(renewed.status()).isEqualTo(OrderStatus.PAID);

        UnitOrder owed = order();
        owed.expire(EXPIRES);
        owed.refundDue(later, "late");
        assertThat(owed.status()).isEqualTo(OrderStatus.REFUND_DUE);
        assertThat(owed.paidAt()).isEqualTo(later);
        assertThat(owed.paymentRef()).isEqualTo("late");
        assertThat(owed.settled()).isTrue();
        assertThatThrownBy(() -> owed.renew(later)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> owed.refundDue(later, "again")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnExpiredOrderIsRenewedOrOwedBack() {
        assertThatThrownBy(() -> order().renew(EXPIRES)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order().refundDue(EXPIRES, "ref")).isInstanceOf(IllegalStateException.class);
        UnitOrder cancelled = order();
        cancelled.cancel();
        assertThatThrownBy(() -> cancelled.renew(EXPIRES)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cancelled.refundDue(EXPIRES, "ref")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAPaidOrderIsRetiredAndOnlyAnUnpaidOneIsPriced() {
        assertThatThrownBy(() -> order().retired()).isInstanceOf(IllegalStateException.class);
        UnitOrder paid = order();
        paid.pay(CREATED, "ref");
        assertThatThrownBy(() -> paid.priced(1)).isInstanceOf(IllegalStateException.class);
    }
}
