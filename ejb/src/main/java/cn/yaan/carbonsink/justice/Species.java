package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A row of the species reference data ({@code species_parameter}). */
@Entity
@Table(name = "species_parameter")
@NamedQuery(name = "Species.all", query = "select s from Species s order by s.nameEn")
public class Species {

    /** Characters of a species' Chinese name, which is also how damage items and plantings name it. */
    public static final int NAME_MAX = 40;

    @Id
    @Column(name = "name_zh", length = 40)
    String nameZh;
    @Column(name = "name_en", nullable = false, length = 80)
    String nameEn;
    @Column(nullable = false, precision = 6, scale = 4)
    BigDecimal svd;
    @Column(nullable = false, precision = 6, scale = 4)
    BigDecimal bef;
    @Column(name = "root_shoot", nullable = false, precision = 6, scale = 4)
    BigDecimal rootShoot;
    @Column(name = "carbon_fraction", nullable = false, precision = 6, scale = 4)
    BigDecimal carbonFraction;
    @Column(nullable = false, length = 200)
    String source;

    protected Species() {
    }

    public SpeciesParameters parameters() {
        return new SpeciesParameters(nameZh, nameEn, svd, bef, rootShoot, carbonFraction, source);
    }
}
