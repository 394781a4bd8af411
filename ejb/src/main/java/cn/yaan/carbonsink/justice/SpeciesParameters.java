package cn.yaan.carbonsink.justice;

import java.math.BigDecimal;

/**
 * Biomass-expansion parameters of a tree species (docs/DOMAIN.md section 3): wood density SVD (t/m3), biomass expansion
 * factor BEF, root-to-shoot ratio R, carbon fraction CF, and where they come from. Reference data
 * ({@code species_parameter}), editable; every calculation records the values it used.
 */
public record SpeciesParameters(String nameZh, String nameEn, BigDecimal svd, BigDecimal bef, BigDecimal rootShoot,
                                BigDecimal carbonFraction, String source) {
}
