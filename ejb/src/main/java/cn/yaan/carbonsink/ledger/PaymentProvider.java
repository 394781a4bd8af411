package cn.yaan.carbonsink.ledger;

import java.util.Optional;

/**
 * A payment service provider (WeChat Pay, Alipay, a bank's gateway...), plugged in as a CDI bean. The platform
 * calls it for one thing: to check that a callback really comes from the provider and to read what it says.
 * Adapters for real providers implement this interface; the embedded default ships {@link SimulatedPaymentProvider}.
 */
public interface PaymentProvider {

    /** The {@code {provider}} path segment of {@code POST /api/v1/payments/callbacks/{provider}}. */
    String name();

    /** Whether the provider is configured (a provider without a secret refuses every callback). */
    boolean enabled();

    /** Whether the signature header proves the raw body comes from the provider. */
    boolean authentic(byte[] body, String signatureHeader);

    /** The notification in the body, or empty when the body is not one. */
    Optional<Notification> read(byte[] body);

    /** What a provider tells us: this payment succeeded for this amount. */
    record Notification(String notificationId, String paymentId, long amountFen, boolean succeeded) {
    }
}
