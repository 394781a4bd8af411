package cn.yaan.carbonsink.justice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Biomass-expansion parameters of a tree species (docs/DOMAIN.md section 3): wood density SVD (t/m3), biomass expansion
 * factor BEF, root-to-shoot ratio R, carbon fraction CF, and where they come from: the publication ({@code source}),
 * the table in it and its year, whether the values are estimates, the version and the day it applies from. Reference
 * data ({@code species_version}); every calculation records the version and the values it used.
 */
@Schema(name = "SpeciesParameters", requiredProperties = {"nameZh", "nameEn", "svd", "bef", "rootShoot",
        "carbonFraction", "source", "estimate", "version", "validFrom"})
public record SpeciesParameters(String nameZh, String nameEn, BigDecimal svd, BigDecimal bef, BigDecimal rootShoot,
                                BigDecimal carbonFraction, String source, String sourceTable, Integer sourceYear,
                                boolean estimate, int version, LocalDate validFrom) {

    /** Where the values come from, as a calculation's working cites it. */
    public String citation() {
        return source + (sourceTable != null ? ", " + sourceTable : "") + (sourceYear != null ? ", " + sourceYear : "")
                + "; version " + version + (estimate ? ", estimate" : "");
    }
}
