package cn.yaan.carbonsink.tourism;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A travel emission factor with its source and reference year (shown to visitors). */
@Entity
@Table(name = "travel_factor")
@NamedQuery(name = "TravelFactor.all", query = "select f from TravelFactor f order by f.code")
public class TravelFactor {

    @Id
    @Column(length = 20)
    private String code;

    @Column(nullable = false, precision = 10, scale = 4)
    private BigDecimal factor;

    @Column(nullable = false, length = 40)
    private String unit;

    @Column(nullable = false, length = 200)
    private String source;

    @Column(name = "ref_year", nullable = false)
    private int year;

    protected TravelFactor() {
    }

    public String code() {
        return code;
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

    public int year() {
        return year;
    }
}
