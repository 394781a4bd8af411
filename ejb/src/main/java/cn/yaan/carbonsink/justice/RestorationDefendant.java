package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A defendant of an order: name and ID number sealed ({@code PersonalData.protect}), found by a keyed hash. */
@Entity
@Table(name = "restoration_defendant")
@NamedQuery(name = "RestorationDefendant.ofOrder",
        query = "select d from RestorationDefendant d where d.orderId = :order order by d.seq")
public class RestorationDefendant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    long orderId;
    @Column(nullable = false)
    int seq;
    @Column(name = "name_sealed", nullable = false, length = 400)
    String nameSealed;
    @Column(name = "id_sealed", nullable = false, length = 400)
    String idSealed;
    @Column(name = "id_lookup_hash", nullable = false, length = 64)
    String idLookupHash;

    protected RestorationDefendant() {
    }

    RestorationDefendant(long orderId, int seq, String nameSealed, String idSealed, String idLookupHash) {
        this.orderId = orderId;
        this.seq = seq;
        this.nameSealed = nameSealed;
        this.idSealed = idSealed;
        this.idLookupHash = idLookupHash;
    }
}
