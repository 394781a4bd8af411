package cn.yaan.carbonsink.tourism;

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
 * A version of a travel emission factor with its source (publication, table, year), whether it is an estimate, and
 * the day it applies from ({@code travel_factor_version}; shown to visitors). Versions are only ever added: a booking
 * keeps the versions its footprint used.
 */
@Entity
@Table(name = "travel_factor_version")
@NamedQuery(name = "TravelFactor.all", query = "select f from TravelFactor f order by f.code, f.version")
@NamedQuery(name = "TravelFactor.validOn", query = "select f from TravelFactor f where f.validFrom <= :day "
        + "order by f.code, f.validFrom desc, f.version desc")
@NamedQuery(name = "TravelFactor.latest", query = "select f from TravelFactor f where f.code = :code "
        + "order by f.version desc")
public class TravelFactor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 20)
    private String code;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false, precision = 10, scale = 4)
    private BigDecimal factor;

    @Column(nullable = false, length = 40)
    private String unit;

    @Column(nullable = false, length = 200)
    private String source;

    @Column(name = "source_table", length = 100)
    private String sourceTable;

    @Column(name = "source_year", nullable = false)
    private int year;

    @Column(nullable = false)
    private boolean estimate;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected TravelFactor() {
    }

    TravelFactor(TravelFactor previous, BigDecimal factor, String source, String sourceTable, int year,
                 boolean estimate, LocalDate validFrom, String recordedBy, Instant recordedAt) {
        this.code = previous.code;
        this.version = previous.version + 1;
        this.unit = previous.unit;
        this.factor = factor;
        this.source = source;
        this.sourceTable = sourceTable;
        this.year = year;
        this.estimate = estimate;
        this.validFrom = validFrom;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public String code() {
        return code;
    }

    public int version() {
        return version;
    }

    public BigDecimal factor() {
        return factor;
    }

    public String unit() {
        return unit;
    }

    public String source() {
        return source;
    }

    public String sourceTable() {
        return sourceTable;
    }

    public int year() {
        return year;
    }

    public boolean estimate() {
        return estimate;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
