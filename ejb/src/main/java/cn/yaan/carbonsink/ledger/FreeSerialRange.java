package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Serial numbers of an issuance that are not retired yet. */
@Entity
@Table(name = "serial_range_free")
@NamedQuery(name = "FreeSerialRange.ofIssuance",
        query = "select f from FreeSerialRange f where f.issuanceId = :issuance order by f.firstSerial")
public class FreeSerialRange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "issuance_id", nullable = false)
    Long issuanceId;
    @Column(name = "first_serial", nullable = false)
    long firstSerial;
    @Column(name = "last_serial", nullable = false)
    long lastSerial;

    protected FreeSerialRange() {
    }

    FreeSerialRange(Long issuanceId, SerialRange range) {
        this.issuanceId = issuanceId;
        this.firstSerial = range.first();
        this.lastSerial = range.last();
    }

    SerialRange range() {
        return new SerialRange(firstSerial, lastSerial);
    }
}
