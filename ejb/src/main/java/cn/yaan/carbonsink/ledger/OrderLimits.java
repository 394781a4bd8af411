package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.AppSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How much one account may hold unpaid at a time, so that nobody can keep a project's stock (or a day's offset
 * units) out of reach of others by ordering and never paying: at most {@code max-pending-orders} unpaid orders
 * (default 5) holding at most {@code max-pending-kg} kilograms together (default 10,000 kg = 10 t). Each is looked up
 * in the database first (what an officer changes through {@code PUT /api/v1/order-limits}), then in the system
 * property {@code carbonsink.orders.max-pending-orders} / {@code carbonsink.orders.max-pending-kg}. Court purchases
 * (purpose RESTORATION) are sized by the court's order and not limited.
 */
@Stateless
public class OrderLimits {

    static final String MAX_PENDING_ORDERS = "orders.max-pending-orders";
    static final String MAX_PENDING_KG = "orders.max-pending-kg";

    @Inject
    AppSettings settings;

    @Schema(name = "OrderLimits", requiredProperties = {"maxPendingOrders", "maxPendingKg"})
    public record Values(long maxPendingOrders, long maxPendingKg) {
    }

    public Values current() {
        return new Values(settings.number(MAX_PENDING_ORDERS, "carbonsink." + MAX_PENDING_ORDERS, 5),
                settings.number(MAX_PENDING_KG, "carbonsink." + MAX_PENDING_KG, 10_000));
    }

    /** New limits as an officer sets them. */
    public record NewLimits(@NotNull @Min(1) @Max(1_000) Long maxPendingOrders,
                            @NotNull @Min(1) @Max(1_000_000_000L) Long maxPendingKg) {
    }

    public Values update(@NotNull @Valid NewLimits v) {
        settings.put(MAX_PENDING_ORDERS, v.maxPendingOrders());
        settings.put(MAX_PENDING_KG, v.maxPendingKg());
        return current();
    }
}
