package cn.yaan.carbonsink.ledger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * A provider's callback: checked and read by the provider (no transaction: the SDKs verify signatures and decrypt),
 * then applied, a payment by {@link PaymentService#applyNotification}, a refund's result by
 * {@link RefundService#applyResult}, each in its own transaction.
 */
@Stateless
public class CallbackService {

    @Inject
    PaymentProviders providers;

    @Inject
    PaymentService payments;

    @Inject
    RefundService refunds;

    /** What a callback did, and what its provider wants to read back. */
    public record Applied(String reference, String status, PaymentProvider.Acknowledgement acknowledgement) {
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Applied receive(String providerName, Map<String, String> headers, byte[] body) {
        PaymentProvider provider = providers.required(providerName);
        PaymentProvider.Callback callback = provider.receive(headers, body);
        if (callback instanceof PaymentProvider.Callback.RefundResult result) {
            Refund r = refunds.applyResult(providerName, result);
            return new Applied(result.refundNo(), r.status().name(), provider.acknowledgement());
        }
        PaymentProvider.Notification n = ((PaymentProvider.Callback.Payment) callback).notification();
        UnitOrder order = payments.applyNotification(providerName, n);
        return new Applied(order.paymentId(), order.status().name(), provider.acknowledgement());
    }
}
