package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A serial sub-range a retirement took from one issuance. */
@Entity
@Table(name = "retirement_range")
@NamedQuery(name = "RetiredRange.ofRetirements",
        query = "select r from RetiredRange r where r.retirementId in :ids order by r.retirementId, r.firstSerial")
// The range that may hold serial n: the last one starting at or before n (ranges of one issuance never overlap: a
// unit is retired once), found by one step down the (issuance_id, first_serial) index, however many ranges there are.
// Whether it reaches n is checked by the caller: in the query it would make the database walk every range below n
// when n is not retired.
@NamedQuery(name = "RetiredRange.lastStartingAtOrBefore",
        query = "select r from RetiredRange r where r.issuance = :issuance and r.firstSerial <= :n order by r.firstSerial desc")
public class RetiredRange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "retirement_id", nullable = false)
    Long retirementId;
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "issuance_id", nullable = false)
    Issuance issuance;
    @Column(name = "first_serial", nullable = false)
    long firstSerial;
    @Column(name = "last_serial", nullable = false)
    long lastSerial;

    protected RetiredRange() {
    }

    RetiredRange(Long retirementId, Issuance issuance, SerialRange range) {
        this.retirementId = retirementId;
        this.issuance = issuance;
        this.firstSerial = range.first();
        this.lastSerial = range.last();
    }

    public Long retirementId() {
        return retirementId;
    }

    public Issuance issuance() {
        return issuance;
    }

    public String first() {
        return SerialNumbers.serial(issuance.project().code(), issuance.vintage(), firstSerial);
    }

    public String last() {
        return SerialNumbers.serial(issuance.project().code(), issuance.vintage(), lastSerial);
    }

    public String block() {
        return SerialNumbers.block(issuance.project().code(), issuance.vintage(), firstSerial, lastSerial);
    }
}
