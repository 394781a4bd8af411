package cn.yaan.carbonsink.justice;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/DOMAIN.md section 3: the worked example, several species, rounding only at the end, a multiplier. */
class CarbonLossTest {

    static final String SOURCE = "Estimate: CCER AR-CM-001-V01 (2013) default, recalled, unverified";
    static final SpeciesParameters FIR = new SpeciesParameters("杉木", "Cunninghamia", new BigDecimal("0.307"),
            new BigDecimal("1.634"), new BigDecimal("0.246"), new BigDecimal("0.520"), SOURCE, null, null, true, 1, java.time.LocalDate.of(2020, 1, 1));
    static final SpeciesParameters SPRUCE = new SpeciesParameters("云杉", "Picea", new BigDecimal("0.342"),
            new BigDecimal("1.734"), new BigDecimal("0.224"), new BigDecimal("0.521"), SOURCE, null, null, true, 1, java.time.LocalDate.of(2020, 1, 1));
    static final SpeciesParameters OAK = new SpeciesParameters("栎类", "Quercus", new BigDecimal("0.676"),
            new BigDecimal("1.355"), new BigDecimal("0.292"), new BigDecimal("0.500"), SOURCE, null, null, true, 1, java.time.LocalDate.of(2020, 1, 1));

    @Test
    void theWorkedExampleOfDomainMd() {
        // 10 m3 of 杉木 -> 10 x 0.307 x 1.634 x 1.246 x 0.520 x 44/12 = 11.917 tCO2e = 11,917 kg
        CarbonLoss.Calculation c = CarbonLoss.of(List.of(new CarbonLoss.Item(FIR, new BigDecimal("10"))));
        assertThat(c.kg()).isEqualTo(11_917);
        assertThat(c.working()).first().asString()
                .contains("杉木: 10 m3 x 0.307 x 1.634 x (1 + 0.246) x 0.52 x 44/12 = 11.917 tCO2e", SOURCE, "version 1, estimate");
        assertThat(c.working()).last().asString().isEqualTo("total = 11.917 tCO2e = 11917 kg");
    }

    @Test
    void severalSpeciesAreSummedBeforeRounding() {
        // 云杉 1 m3 = 1.38664... t, 栎类 0.5 m3 = 1.08482... t: 2.47147 t in all.
        CarbonLoss.Calculation c = CarbonLoss.of(List.of(new CarbonLoss.Item(SPRUCE, new BigDecimal("1")),
                new CarbonLoss.Item(OAK, new BigDecimal("0.5"))));
        BigDecimal spruce = new BigDecimal("0.342").multiply(new BigDecimal("1.734")).multiply(new BigDecimal("1.224"))
                .multiply(new BigDecimal("0.521")).multiply(new BigDecimal(44)).divide(new BigDecimal(12), java.math.MathContext.DECIMAL128);
        BigDecimal oak = new BigDecimal("0.5").multiply(new BigDecimal("0.676")).multiply(new BigDecimal("1.355"))
                .multiply(new BigDecimal("1.292")).multiply(new BigDecimal("0.500")).multiply(new BigDecimal(44))
                .divide(new BigDecimal(12), java.math.MathContext.DECIMAL128);
        long expected = spruce.add(oak).multiply(new BigDecimal(1000)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        assertThat(c.kg()).isEqualTo(expected).isEqualTo(2_471);
        assertThat(c.working()).hasSize(3);
    }

    @Test
    void perCubicMetreFiguresMatchTheTableToItsTwoDecimals() {
        assertThat(CarbonLoss.of(List.of(new CarbonLoss.Item(FIR, BigDecimal.ONE))).kg()).isBetween(1_185L, 1_195L); // 1.19
        assertThat(CarbonLoss.of(List.of(new CarbonLoss.Item(SPRUCE, BigDecimal.ONE))).kg()).isBetween(1_385L, 1_395L); // 1.39
        assertThat(CarbonLoss.of(List.of(new CarbonLoss.Item(OAK, BigDecimal.ONE))).kg()).isBetween(2_165L, 2_175L); // 2.17
    }

    @Test
    void theMultiplierScalesThePurchaseRoundedHalfUp() {
        assertThat(CarbonLoss.purchaseKg(11_917, BigDecimal.ONE)).isEqualTo(11_917);
        assertThat(CarbonLoss.purchaseKg(11_917, new BigDecimal("1.5"))).isEqualTo(17_876); // 17,875.5 -> 17,876
        assertThat(CarbonLoss.purchaseKg(3, new BigDecimal("0.5"))).isEqualTo(2); // 1.5 -> 2
    }
}
