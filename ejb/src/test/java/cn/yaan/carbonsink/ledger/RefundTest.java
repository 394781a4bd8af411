package cn.yaan.carbonsink.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefundTest {

    private static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");

    private static Refund owed() {
        return new Refund(7, "wechat:4200000000202605010000000001", 800, Refund.Reason.LATE_PAYMENT, NOW);
    }

    @Test
    void theProviderAndItsTransactionComeFromThePaymentsReference() {
        Refund r = owed();
        assertThat(r.provider()).isEqualTo("wechat");
        assertThat(r.transactionId()).isEqualTo("4200000000202605010000000001");
        assertThat(r.status()).isEqualTo(Refund.Status.DUE);
    }

    @Test
    void aRequestedRefundSettlesOnceAndAFailedOneMayBeRequestedAgain() {
        Refund r = owed();
        r.requested("system", NOW);
        assertThat(r.status()).isEqualTo(Refund.Status.REQUESTED);
        assertThatThrownBy(() -> r.requested("officer", NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(r.settle(false, null, "NOT_ENOUGH: 余额不足", NOW)).isTrue();
        assertThat(r.status()).isEqualTo(Refund.Status.FAILED);
        assertThat(r.failure()).contains("NOT_ENOUGH");
        // A late result of the failed request changes nothing.
        assertThat(r.settle(true, "50000001", "SUCCESS", NOW)).isFalse();
        assertThat(r.status()).isEqualTo(Refund.Status.FAILED);

        r.requested("officer", NOW);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.failure()).isNull();
        assertThat(r.settle(true, "50000002", "SUCCESS", NOW)).isTrue();
        assertThat(r.status()).isEqualTo(Refund.Status.SUCCEEDED);
        assertThat(r.providerRefundId()).isEqualTo("50000002");
        assertThat(r.settle(false, null, "ABNORMAL", NOW)).isFalse();
        assertThatThrownBy(() -> r.requested("officer", NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOwedRefundIsNotSettledBeforeItIsRequested() {
        Refund r = owed();
        assertThat(r.settle(true, "50000001", "SUCCESS", NOW)).isFalse();
        assertThat(r.status()).isEqualTo(Refund.Status.DUE);
    }

    @Test
    void providersGetThePaymentIdWithoutHyphensAndGiveItBack() {
        String paymentId = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(TradeNumbers.outTradeNo(paymentId)).hasSize(32).doesNotContain("-");
        assertThat(TradeNumbers.paymentId(TradeNumbers.outTradeNo(paymentId))).isEqualTo(paymentId);
        assertThat(TradeNumbers.paymentId("not-ours")).isEqualTo("not-ours");
        assertThat(TradeNumbers.refundId(TradeNumbers.refundNo(42))).isEqualTo(42);
        assertThat(TradeNumbers.refundId("R42")).isEqualTo(-1);
    }
}
