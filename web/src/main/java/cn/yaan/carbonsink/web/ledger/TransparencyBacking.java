package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.TransparencyService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The public transparency dashboard ({@code transparency.xhtml}): a bar per month and per scheme, drawn in CSS. */
@Named
@RequestScoped
public class TransparencyBacking {

    @Inject
    TransparencyService transparency;

    private TransparencyService.Figures figures;

    public TransparencyService.Figures getFigures() {
        if (figures == null) {
            figures = transparency.figures();
        }
        return figures;
    }

    public List<OrderPurpose> getPurposes() {
        return List.of(OrderPurpose.values());
    }

    /** Width of a month's bar in percent of the largest month (at least a sliver for a non-zero month). */
    public int monthWidth(long kg) {
        long max = getFigures().months().stream().mapToLong(TransparencyService.Month::totalKg).max().orElse(0);
        return width(kg, max);
    }

    public int purposeWidth(long kg) {
        long max = getFigures().retiredKgByPurpose().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return width(kg, max);
    }

    private static int width(long kg, long max) {
        return max == 0 || kg == 0 ? 0 : (int) Math.max(1, Math.round(100.0 * kg / max));
    }
}
