package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** When a provider's bill of a day was last matched, how many lines it had and how many differed. */
@Entity
@Table(name = "reconciliation_run")
@NamedQuery(name = "ReconciliationRun.of",
        query = "select r from ReconciliationRun r where r.provider = :provider and r.billDay = :day")
public class ReconciliationRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, length = 32)
    private String provider;
    @Column(name = "bill_day", nullable = false)
    private LocalDate billDay;
    @Column(nullable = false)
    private int lines;
    @Column(nullable = false)
    private int differences;
    @Column(name = "ran_at", nullable = false)
    private Instant ranAt;

    protected ReconciliationRun() {
    }

    ReconciliationRun(String provider, LocalDate billDay, int lines, int differences, Instant at) {
        this.provider = provider;
        this.billDay = billDay;
        ran(lines, differences, at);
    }

    void ran(int lines, int differences, Instant at) {
        this.lines = lines;
        this.differences = differences;
        this.ranAt = at;
    }

    public int lines() { return lines; }
    public int differences() { return differences; }
    public Instant ranAt() { return ranAt; }
}
