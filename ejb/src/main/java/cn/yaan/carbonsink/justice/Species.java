package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A version of a species' parameters ({@code species_version}). Versions are only ever added, never changed: a
 * restoration order keeps the version it was computed with.
 */
@Entity
@Table(name = "species_version")
@NamedQuery(name = "Species.all", query = "select s from Species s order by s.nameZh, s.version")
@NamedQuery(name = "Species.validOn", query = "select s from Species s where s.validFrom <= :day "
        + "order by s.nameZh, s.validFrom desc, s.version desc")
@NamedQuery(name = "Species.latestVersion", query = "select max(s.version) from Species s where s.nameZh = :name")
public class Species {

    /** Characters of a species' Chinese name, which is also how damage items and plantings name it. */
    public static final int NAME_MAX = 40;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "name_zh", nullable = false, length = 40)
    String nameZh;
    @Column(nullable = false)
    int version;
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
    @Column(name = "source_table", length = 100)
    String sourceTable;
    @Column(name = "source_year")
    Integer sourceYear;
    @Column(nullable = false)
    boolean estimate;
    @Column(name = "valid_from", nullable = false)
    LocalDate validFrom;
    @Column(name = "recorded_by", nullable = false, length = 64)
    String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected Species() {
    }

    Species(int version, SpeciesParameters p, String recordedBy, Instant recordedAt) {
        this.nameZh = p.nameZh();
        this.version = version;
        this.nameEn = p.nameEn();
        this.svd = p.svd();
        this.bef = p.bef();
        this.rootShoot = p.rootShoot();
        this.carbonFraction = p.carbonFraction();
        this.source = p.source();
        this.sourceTable = p.sourceTable();
        this.sourceYear = p.sourceYear();
        this.estimate = p.estimate();
        this.validFrom = p.validFrom();
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public SpeciesParameters parameters() {
        return new SpeciesParameters(nameZh, nameEn, svd, bef, rootShoot, carbonFraction, source, sourceTable,
                sourceYear, estimate, version, validFrom);
    }

    public String nameZh() { return nameZh; }
    public int version() { return version; }
    public String recordedBy() { return recordedBy; }
    public Instant recordedAt() { return recordedAt; }
}
