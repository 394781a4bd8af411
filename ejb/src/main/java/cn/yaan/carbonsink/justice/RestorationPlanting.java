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

/** Trees planted for an order, as an officer recorded them in the field. */
@Entity
@Table(name = "restoration_planting")
@NamedQuery(name = "RestorationPlanting.ofOrder",
        query = "select p from RestorationPlanting p where p.orderId = :order order by p.id")
public class RestorationPlanting {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    long orderId;
    @Column(name = "planted_on", nullable = false)
    LocalDate plantedOn;
    @Column(nullable = false)
    int trees;
    @Column(nullable = false, length = 80)
    String species;
    @Column(nullable = false, precision = 9, scale = 6)
    BigDecimal latitude;
    @Column(nullable = false, precision = 9, scale = 6)
    BigDecimal longitude;
    @Column(name = "recorded_by", nullable = false, length = 64)
    String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected RestorationPlanting() {
    }

    RestorationPlanting(long orderId, LocalDate plantedOn, int trees, String species, BigDecimal latitude,
                        BigDecimal longitude, String recordedBy, Instant recordedAt) {
        this.orderId = orderId;
        this.plantedOn = plantedOn;
        this.trees = trees;
        this.species = species;
        this.latitude = latitude;
        this.longitude = longitude;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Long id() { return id; }
    public LocalDate plantedOn() { return plantedOn; }
    public int trees() { return trees; }
    public String species() { return species; }
    public BigDecimal latitude() { return latitude; }
    public BigDecimal longitude() { return longitude; }
    public String recordedBy() { return recordedBy; }
    public Instant recordedAt() { return recordedAt; }
}
