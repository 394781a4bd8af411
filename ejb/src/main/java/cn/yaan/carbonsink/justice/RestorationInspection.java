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

/** A survival inspection: surviving trees of those planted, and whether it was the final (acceptance) check. */
@Entity
@Table(name = "restoration_inspection")
@NamedQuery(name = "RestorationInspection.ofOrder",
        query = "select i from RestorationInspection i where i.orderId = :order order by i.id")
public class RestorationInspection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    long orderId;
    @Column(name = "inspected_on", nullable = false)
    LocalDate inspectedOn;
    @Column(name = "planted_trees", nullable = false)
    int plantedTrees;
    @Column(name = "surviving_trees", nullable = false)
    int survivingTrees;
    @Column(name = "survival_rate", nullable = false, precision = 5, scale = 2)
    BigDecimal survivalRate;
    @Column(name = "final_check", nullable = false)
    boolean finalCheck;
    @Column(name = "recorded_by", nullable = false, length = 64)
    String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected RestorationInspection() {
    }

    RestorationInspection(long orderId, LocalDate inspectedOn, int plantedTrees, int survivingTrees, boolean finalCheck,
                          String recordedBy, Instant recordedAt) {
        this.orderId = orderId;
        this.inspectedOn = inspectedOn;
        this.plantedTrees = plantedTrees;
        this.survivingTrees = survivingTrees;
        this.survivalRate = RestorationOrder.survivalRate(survivingTrees, plantedTrees);
        this.finalCheck = finalCheck;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Long id() { return id; }
    public LocalDate inspectedOn() { return inspectedOn; }
    public int plantedTrees() { return plantedTrees; }
    public int survivingTrees() { return survivingTrees; }
    public BigDecimal survivalRate() { return survivalRate; }
    public boolean finalCheck() { return finalCheck; }
    public String recordedBy() { return recordedBy; }
    public Instant recordedAt() { return recordedAt; }
}
