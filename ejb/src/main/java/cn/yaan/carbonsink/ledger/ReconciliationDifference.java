package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A line where a provider's bill of a day and the platform disagree: a payment or refund the platform recorded that
 * the bill lacks, one the bill has that the platform never recorded, or one whose amounts differ.
 */
@Entity
@Table(name = "reconciliation_difference")
@NamedQuery(name = "ReconciliationDifference.ofDay",
        query = "select d from ReconciliationDifference d where d.provider = :provider and d.billDay = :day order by d.id")
@NamedQuery(name = "ReconciliationDifference.since",
        query = "select d from ReconciliationDifference d where d.billDay >= :since order by d.billDay desc, d.id")
public class ReconciliationDifference {

    /** What is different. */
    public enum Kind { MISSING_IN_BILL, NOT_ON_PLATFORM, AMOUNT_MISMATCH }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, length = 32)
    private String provider;
    @Column(name = "bill_day", nullable = false)
    private LocalDate billDay;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Kind kind;
    @Column(name = "transaction_id", nullable = false, length = 64)
    private String transactionId;
    @Column(name = "refund_no", length = 64)
    private String refundNo;
    @Column(name = "platform_fen")
    private Long platformFen;
    @Column(name = "provider_fen")
    private Long providerFen;
    @Column(name = "found_at", nullable = false)
    private Instant foundAt;

    protected ReconciliationDifference() {
    }

    ReconciliationDifference(String provider, LocalDate billDay, Kind kind, String transactionId, String refundNo,
                             Long platformFen, Long providerFen, Instant foundAt) {
        this.provider = provider;
        this.billDay = billDay;
        this.kind = kind;
        this.transactionId = transactionId;
        this.refundNo = refundNo;
        this.platformFen = platformFen;
        this.providerFen = providerFen;
        this.foundAt = foundAt;
    }

    public String provider() { return provider; }
    public LocalDate billDay() { return billDay; }
    public Kind kind() { return kind; }
    public String transactionId() { return transactionId; }
    public String refundNo() { return refundNo; }
    public Long platformFen() { return platformFen; }
    public Long providerFen() { return providerFen; }
    public Instant foundAt() { return foundAt; }
}
