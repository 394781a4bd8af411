package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The payment providers (CDI beans) and which of them are configured. */
@ApplicationScoped
public class PaymentProviders {

    @Inject
    @Any
    Instance<PaymentProvider> all;

    /** The configured provider of this name. */
    public Optional<PaymentProvider> enabled(String name) {
        return all.stream().filter(p -> p.name().equals(name) && p.enabled()).findFirst();
    }

    /** The configured provider of this name, else 404. */
    public PaymentProvider required(String name) {
        return enabled(name).orElseThrow(() -> BusinessException.notFound("No payment provider " + name
                + " is configured."));
    }

    /** The configured providers a buyer may choose (those that start payments), by name. */
    public List<PaymentProvider> offered() {
        return all.stream().filter(p -> p.enabled() && !p.channels().isEmpty())
                .sorted(Comparator.comparing(PaymentProvider::name)).toList();
    }

    /** The names of the configured providers that send money back by themselves (all but the simulated one). */
    public List<String> refundingByThemselves() {
        return all.stream().filter(p -> p.enabled() && !p.name().equals(SimulatedPaymentProvider.NAME))
                .map(PaymentProvider::name).toList();
    }
}
