package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Paying an order at a real provider: the buyer chooses one of the configured providers and a channel, the payment
 * is started there (and recorded, {@link PaymentAttempt}); when no notification came the provider is asked
 * ({@link #check}); when the order runs out unpaid its payments are closed at the providers first, and a payment
 * that got through before the close is applied ({@link #closeAtProviders}); when the order was cancelled they are
 * closed after, and a payment that got through is owed back.
 */
@Stateless
public class CheckoutService {

    private static final Logger LOG = Logger.getLogger(CheckoutService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    LedgerLocks locks;

    @Inject
    PaymentProviders providers;

    @Inject
    PaymentService payments;

    /** A provider a buyer may choose and its channels. */
    public record Offer(String provider, List<PaymentProvider.Channel> channels) {
    }

    public List<Offer> offers() {
        return providers.offered().stream().map(p -> new Offer(p.name(), p.channels())).toList();
    }

    /** What the buyer asks for: a provider, a channel, and inside WeChat the buyer's openid. */
    @Schema(name = "NewCheckout")
    public record Start(@NotNull @Pattern(regexp = "[a-z0-9-]{1,32}") String provider,
                        @Pattern(regexp = "[A-Z0-9_]{1,16}") String channel,
                        @Pattern(regexp = "[A-Za-z0-9_-]{1,128}") String openId) {
    }

    /**
     * Starts paying the caller's pending order at a provider. The order is locked while the payment is started, so
     * two clicks start one payment per provider (the provider answers a repeated request for the same order with the
     * same payment).
     */
    public PaymentProvider.Checkout start(long orderId, String owner, @NotNull @Valid Start s, String clientIp,
                                          String returnUrl) {
        PaymentProvider provider = providers.enabled(s.provider()).filter(p -> !p.channels().isEmpty())
                .orElseThrow(() -> BusinessException.invalid("provider", "This server does not take payments by "
                        + s.provider() + "; choose one of " + offers().stream().map(Offer::provider).toList() + "."));
        PaymentProvider.Channel channel = channel(provider, s.channel());
        if (channel == PaymentProvider.Channel.JSAPI && s.openId() == null) {
            throw BusinessException.invalid("openId", "Paying inside WeChat needs the payer's openid.");
        }
        UnitOrder order = locks.order(orderId);
        if (order == null || !order.owner().equals(owner)) {
            throw BusinessException.notFound("No order " + orderId + ".");
        }
        if (!order.pendingAt(clock.now())) {
            throw BusinessException.conflict("order-not-pending", "The order is " + order.status()
                    + "; only an order waiting for its payment can be paid.");
        }
        boolean known = attempts(orderId).stream().anyMatch(a -> a.provider().equals(provider.name()));
        if (!known) {
            em.persist(new PaymentAttempt(orderId, provider.name(), channel.name(), clock.now()));
            em.flush();
        }
        String description = Settings.get("carbonsink.payments.description", "雅安森林碳汇") + " "
                + order.quantityKg() + " kg";
        return provider.start(new PaymentProvider.Charge(order.paymentId(), order.amountFen(), description,
                order.expiresAt(), channel, clientIp, s.openId(), returnUrl));
    }

    private static PaymentProvider.Channel channel(PaymentProvider provider, String name) {
        if (name == null || name.isBlank()) {
            return provider.channels().get(0);
        }
        try {
            PaymentProvider.Channel c = PaymentProvider.Channel.valueOf(name);
            if (provider.channels().contains(c)) {
                return c;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw BusinessException.invalid("channel", provider.name() + " takes payments by " + provider.channels() + ".");
    }

    private List<PaymentAttempt> attempts(long orderId) {
        return em.createNamedQuery("PaymentAttempt.ofOrder", PaymentAttempt.class).setParameter("order", orderId)
                .getResultList();
    }

    /**
     * Asks the providers where the caller's order was being paid whether the payment went through (a notification
     * may be late or lost), and applies what they report. Answers the order as it stands.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UnitOrder check(long orderId, String owner) {
        UnitOrder order = payments.order(orderId);
        if (order == null || !order.owner().equals(owner)) {
            throw BusinessException.notFound("No order " + orderId + ".");
        }
        for (PaymentAttempt a : payments.attemptsOf(orderId)) {
            Optional<PaymentProvider> p = providers.enabled(a.provider());
            p.flatMap(provider -> provider.query(order.paymentId()))
                    .ifPresent(n -> payments.applyNotification(a.provider(), n));
        }
        return payments.order(orderId);
    }

    /** Cancelled orders whose payments at providers are still to be closed, at most {@code max}. */
    public List<Long> closeDue(int max) {
        return em.createNamedQuery("PaymentAttempt.closeDue", Long.class).setParameter("now", clock.now())
                .setMaxResults(max).getResultList();
    }

    /**
     * Before an unpaid order expires, and after it was cancelled: closes its payments at the providers, so nobody
     * pays for units that go back. A payment that went through before the close (the provider refuses to close it,
     * or reports it paid) is applied: it pays the order if it still can, and is owed back when the order was
     * cancelled. Runs outside a transaction: each step has its own.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void closeAtProviders(long orderId) {
        UnitOrder order = payments.order(orderId);
        if (order == null) {
            return;
        }
        for (PaymentAttempt a : payments.attemptsOf(orderId)) {
            if (a.closedAt() != null) {
                continue;
            }
            PaymentProvider provider = providers.enabled(a.provider()).orElse(null);
            if (provider == null) {
                continue;
            }
            provider.close(order.paymentId());
            // Closed or not, ask: a payment may have got through just before the close.
            provider.query(order.paymentId()).ifPresent(n -> payments.applyNotification(a.provider(), n));
            payments.attemptClosed(a.orderId(), a.provider());
            LOG.fine(() -> "Closed the " + a.provider() + " payment of order " + orderId);
        }
    }
}
