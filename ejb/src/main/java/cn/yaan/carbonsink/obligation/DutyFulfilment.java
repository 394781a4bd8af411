package cn.yaan.carbonsink.obligation;

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

/** Trees a citizen is credited with for a year's duty, and where they come from (a retirement, an event...). */
@Entity
@Table(name = "duty_fulfilment")
@NamedQuery(name = "DutyFulfilment.ofYear", query = "select f from DutyFulfilment f where f.accountId = :account "
        + "and f.year = :year order by f.recordedAt, f.id")
@NamedQuery(name = "DutyFulfilment.byReference", query = "select f from DutyFulfilment f where f.accountId = :account "
        + "and f.form = :form and f.reference = :reference")
public class DutyFulfilment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "account_id", nullable = false)
    long accountId;
    @Column(name = "duty_year", nullable = false)
    int year;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    FulfilmentForm form;
    @Column(nullable = false)
    int trees;
    @Column(name = "quantity_kg", nullable = false)
    long quantityKg;
    @Column(name = "serial_ranges", nullable = false, length = 1_000_000)
    String serialRanges;
    @Column(nullable = false, length = 100)
    String reference;
    @Column(name = "recorded_by", nullable = false, length = 64)
    String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected DutyFulfilment() {
    }

    DutyFulfilment(long accountId, int year, FulfilmentForm form, int trees, long quantityKg, String serialRanges,
                   String reference, String recordedBy, Instant recordedAt) {
        this.accountId = accountId;
        this.year = year;
        this.form = form;
        this.trees = trees;
        this.quantityKg = quantityKg;
        this.serialRanges = serialRanges;
        this.reference = reference;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public FulfilmentForm form() { return form; }
    public int trees() { return trees; }
    public Instant recordedAt() { return recordedAt; }
    public String reference() { return reference; }
}
