package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/**
 * A damage item of an order with the species parameters its calculation used, their version and whether they were
 * estimates (reference data gets new versions later; the order keeps these).
 */
@Entity
@Table(name = "restoration_damage")
@NamedQuery(name = "RestorationDamage.ofOrder",
        query = "select d from RestorationDamage d where d.orderId = :order order by d.seq")
public class RestorationDamage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    long orderId;
    @Column(nullable = false)
    int seq;
    @Column(nullable = false, length = 40)
    String species;
    @Column(name = "volume_m3", nullable = false, precision = 14, scale = 4)
    BigDecimal volumeM3;
    Integer trees;
    @Column(name = "area_mu", precision = 14, scale = 2)
    BigDecimal areaMu;
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
    @Column(name = "parameter_version", nullable = false)
    int parameterVersion;
    @Column(nullable = false)
    boolean estimate;

    protected RestorationDamage() {
    }

    RestorationDamage(long orderId, int seq, SpeciesParameters p, BigDecimal volumeM3, Integer trees, BigDecimal areaMu) {
        this.orderId = orderId;
        this.seq = seq;
        this.species = p.nameZh();
        this.volumeM3 = volumeM3;
        this.trees = trees;
        this.areaMu = areaMu;
        this.svd = p.svd();
        this.bef = p.bef();
        this.rootShoot = p.rootShoot();
        this.carbonFraction = p.carbonFraction();
        this.source = p.source();
        this.parameterVersion = p.version();
        this.estimate = p.estimate();
    }
}
