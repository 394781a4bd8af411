package cn.yaan.carbonsink.obligation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** One citizen's duty in one year, with the rules it was fixed with and an officer's exemption, if any. */
@Entity
@Table(name = "duty_year")
@NamedQuery(name = "DutyYear.of", query = "select d from DutyYear d where d.accountId = :account and d.year = :year")
public class DutyYear {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "account_id", nullable = false)
    long accountId;
    @Column(name = "duty_year", nullable = false)
    int year;
    @Column(nullable = false)
    boolean obliged;
    @Column(name = "trees_owed", nullable = false)
    int treesOwed;
    @Column(name = "age_min", nullable = false)
    int ageMin;
    @Column(name = "age_max", nullable = false)
    int ageMax;
    @Column(name = "exempt_reason", length = 1000)
    String exemptReason;
    @Column(name = "exempted_by", length = 64)
    String exemptedBy;
    @Column(name = "exempted_at")
    Instant exemptedAt;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected DutyYear() {
    }

    DutyYear(long accountId, int year, boolean obliged, DutyRules rules, boolean female, Instant createdAt) {
        this.accountId = accountId;
        this.year = year;
        this.obliged = obliged;
        this.treesOwed = rules.treesOwed();
        this.ageMin = rules.ageMin();
        this.ageMax = rules.ageMaxFor(female);
        this.createdAt = createdAt;
    }

    boolean exempt() {
        return exemptReason != null;
    }
}
