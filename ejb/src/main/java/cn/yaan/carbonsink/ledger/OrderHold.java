package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Kilograms an unpaid order holds in one issuance. */
@Entity
@Table(name = "order_hold")
@NamedQuery(name = "OrderHold.ofOrder", query = "select h from OrderHold h where h.orderId = :order order by h.issuanceId")
public class OrderHold {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    Long orderId;
    @Column(name = "issuance_id", nullable = false)
    Long issuanceId;
    @Column(name = "quantity_kg", nullable = false)
    long quantityKg;

    protected OrderHold() {
    }

    OrderHold(Long orderId, Long issuanceId, long quantityKg) {
        this.orderId = orderId;
        this.issuanceId = issuanceId;
        this.quantityKg = quantityKg;
    }
}
