package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.Decimals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Carbon lost with felled or destroyed trees (docs/DOMAIN.md section 3, IPCC/CCER biomass-expansion method):
 * {@code tCO2e = V x SVD x BEF x (1 + R) x CF x 44/12} per damage item, summed, in kilograms rounded half up to
 * whole kilograms only at the end. Each step is written out, so an order shows its working.
 */
public final class CarbonLoss {

    /** A damage item's stem volume: more than 0 and at most 100000 m3, to 0.0001 m3. */
    public static final Decimals.Range VOLUME_M3 = Decimals.Range.above("0", "100000", 4);
    /** The court's multiplier of the carbon lost: more than 0 and at most 100, to four places. */
    public static final Decimals.Range MULTIPLIER = Decimals.Range.above("0", "100", 4);

    private static final BigDecimal CO2_PER_C = new BigDecimal(44).divide(new BigDecimal(12), MathContext.DECIMAL128);
    private static final BigDecimal KG_PER_TONNE = new BigDecimal(1000);

    private CarbonLoss() {
    }

    /** One damage item: a stem volume of a species (a count of trees must come with the assessor's volume). */
    public record Item(SpeciesParameters species, BigDecimal volumeM3) {
    }

    /** The result: total kilograms, and one line of working per item plus the total. */
    public record Calculation(long kg, List<String> working) {
    }

    public static Calculation of(List<Item> items) {
        BigDecimal tonnes = BigDecimal.ZERO;
        List<String> working = new ArrayList<>();
        for (Item item : items) {
            SpeciesParameters s = item.species();
            BigDecimal t = item.volumeM3().multiply(s.svd()).multiply(s.bef())
                    .multiply(BigDecimal.ONE.add(s.rootShoot())).multiply(s.carbonFraction()).multiply(CO2_PER_C);
            tonnes = tonnes.add(t);
            working.add(s.nameZh() + ": " + item.volumeM3().stripTrailingZeros().toPlainString() + " m3 x " + plain(s.svd())
                    + " x " + plain(s.bef()) + " x (1 + " + plain(s.rootShoot()) + ") x " + plain(s.carbonFraction())
                    + " x 44/12 = " + t.setScale(3, RoundingMode.HALF_UP).toPlainString() + " tCO2e (" + s.citation() + ")");
        }
        long kg = tonnes.multiply(KG_PER_TONNE).setScale(0, RoundingMode.HALF_UP).longValueExact();
        working.add("total = " + tonnes.setScale(3, RoundingMode.HALF_UP).toPlainString() + " tCO2e = " + kg + " kg");
        return new Calculation(kg, working);
    }

    /** Units bought in lieu: the carbon lost times the court's multiplier, whole kilograms rounded half up. */
    public static long purchaseKg(long carbonLossKg, BigDecimal multiplier) {
        return new BigDecimal(carbonLossKg).multiply(multiplier).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
