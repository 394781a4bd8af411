package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.BusinessException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payment service provider (WeChat Pay, Alipay, the simulated one), plugged in as a CDI bean. The platform asks it
 * to start a payment for an order ({@link #start}), to check that a callback really comes from it and read what it
 * says ({@link #receive}), to tell whether a payment went through when no notification came ({@link #query}), to
 * close a payment whose order expired ({@link #close}), to send money back ({@link #refund}), and for its bill of a
 * day ({@link #bill}). Adapters for real providers implement all of it; the simulated provider only what a demo needs.
 */
public interface PaymentProvider {

    /** The {@code {provider}} path segment of {@code POST /api/v1/payments/callbacks/{provider}}. */
    String name();

    /** Whether the provider is configured (a provider that is not refuses every callback and is never offered). */
    boolean enabled();

    /** Whether the signature header proves the raw body comes from the provider (the simulated provider's scheme). */
    default boolean authentic(byte[] body, String signatureHeader) {
        return false;
    }

    /** The notification in the body, or empty when the body is not one (the simulated provider's format). */
    default Optional<Notification> read(byte[] body) {
        return Optional.empty();
    }

    /**
     * Checks a callback and reads it. {@code headers} has lower-case names; {@code form} the body's form fields when
     * it was {@code application/x-www-form-urlencoded}, else empty. A callback that is not the provider's is a 401
     * ({@link BusinessException#unauthenticated}), one that says nothing the platform understands a 400.
     */
    default Callback receive(Map<String, String> headers, byte[] body) {
        if (!authentic(body, headers.get("x-signature"))) {
            throw BusinessException.unauthenticated("The signature does not match the body; the notification was ignored.");
        }
        return read(body).<Callback>map(Callback.Payment::new).orElseThrow(() -> BusinessException.invalid("body",
                "The body is not a payment notification of " + name() + "."));
    }

    /** What the provider expects as the answer to a callback it sent (its body and media type). */
    default Acknowledgement acknowledgement() {
        return null;
    }

    /** The channels this provider offers a buyer. */
    default List<Channel> channels() {
        return List.of();
    }

    /** Starts a payment of {@code charge} at the provider: where to send the buyer, or what to show. */
    default Checkout start(Charge charge) {
        throw new UnsupportedOperationException(name() + " starts no payments");
    }

    /** The payment of {@code paymentId} as the provider knows it, when it succeeded; empty when it was not paid. */
    default Optional<Notification> query(String paymentId) {
        return Optional.empty();
    }

    /**
     * Closes the payment of {@code paymentId} so that it can no longer be paid. Answers false when it was paid
     * meanwhile (the caller then asks {@link #query}).
     */
    default boolean close(String paymentId) {
        return true;
    }

    /** Sends money back for a payment: the provider's answer (a refund may be settled at once or later). */
    RefundAnswer refund(RefundCommand command);

    /** Whether the provider publishes daily bills ({@link #bill}). */
    default boolean billed() {
        return false;
    }

    /** The provider's bill of {@code day} (China Standard Time): every payment and refund it settled that day. */
    default List<BillLine> bill(LocalDate day) {
        return List.of();
    }

    /** How a buyer pays: a QR code on a desktop, a page in a phone's browser, inside WeChat, Alipay's mobile site. */
    enum Channel { NATIVE, H5, JSAPI, WAP }

    /** What the platform charges: {@code returnUrl} is where the provider sends the buyer back. */
    record Charge(String paymentId, long amountFen, String description, Instant expiresAt, Channel channel,
                  String clientIp, String openId, String returnUrl) {
    }

    /**
     * Where to send the buyer ({@code url}), or the text of the QR code to show ({@code qrText}), or what a page inside
     * WeChat hands to its payment bridge ({@code params}).
     */
    record Checkout(Channel channel, String url, String qrText, Map<String, String> params) {
    }

    /**
     * What a provider tells us: this payment succeeded (or failed) for this amount. {@code notificationId} is the
     * provider's transaction number, so a notification and a query of the same payment are applied once.
     */
    record Notification(String notificationId, String paymentId, long amountFen, boolean succeeded) {
    }

    /** A callback the provider sent, once checked. */
    sealed interface Callback permits Callback.Payment, Callback.RefundResult {
        /** A payment's notification. */
        record Payment(Notification notification) implements Callback {
        }

        /** A refund's result: {@code refundNo} is the platform's refund number. */
        record RefundResult(String refundNo, String providerRefundId, RefundState state, String detail)
                implements Callback {
        }
    }

    /** Send the money of {@code transactionId} (paid {@code totalFen} for {@code paymentId}) back. */
    record RefundCommand(String refundNo, String paymentId, String transactionId, long refundFen, long totalFen,
                         String reason, String notifyUrl) {
    }

    /** A provider's answer to a refund. */
    enum RefundState { PROCESSING, SUCCEEDED, FAILED }

    record RefundAnswer(String providerRefundId, RefundState state, String detail) {
    }

    /** The body a provider wants back from a callback. */
    record Acknowledgement(String mediaType, String body) {
    }

    /** A line of a provider's bill: a payment or a refund of {@code amountFen}. */
    record BillLine(String transactionId, String paymentId, String refundNo, long amountFen, boolean refund) {
    }
}
