package cn.yaan.carbonsink.obligation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Units ordered for a year's duty, with the conversion in force when the order was placed. */
@Entity
@Table(name = "duty_purchase")
public class DutyPurchase {

    static final String REFERENCE_PREFIX = "duty-purchase:";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "account_id", nullable = false)
    long accountId;
    @Column(name = "duty_year", nullable = false)
    int year;
    @Column(nullable = false)
    int trees;
    @Column(name = "kg_per_tree", nullable = false)
    int kgPerTree;
    @Column(name = "order_id")
    Long orderId;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected DutyPurchase() {
    }

    DutyPurchase(long accountId, int year, int trees, int kgPerTree, Instant createdAt) {
        this.accountId = accountId;
        this.year = year;
        this.trees = trees;
        this.kgPerTree = kgPerTree;
        this.createdAt = createdAt;
    }

    String reference() {
        return REFERENCE_PREFIX + id;
    }
}
