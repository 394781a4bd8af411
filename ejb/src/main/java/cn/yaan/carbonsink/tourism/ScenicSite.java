package cn.yaan.carbonsink.tourism;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalTime;

/** A scenic site of Ya'an (景区): reference data, editable by officers. */
@Entity
@Table(name = "scenic_site")
@NamedQuery(name = "ScenicSite.all", query = "select s from ScenicSite s order by s.code")
@NamedQuery(name = "ScenicSite.byCode", query = "select s from ScenicSite s where s.code = :code")
@NamedQuery(name = "ScenicSite.byOperator", query = "select s from ScenicSite s where s.operatorOrg = :org")
public class ScenicSite {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 16)
    private String code;

    @Column(name = "name_zh", nullable = false, length = 200)
    String nameZh;

    @Column(name = "name_en", nullable = false, length = 200)
    String nameEn;

    @Column(nullable = false, length = 100)
    String county;

    @Column(name = "daily_capacity", nullable = false)
    int dailyCapacity;

    @Column(name = "walk_in_percent", nullable = false)
    int walkInPercent;

    @Column(name = "opens_at", nullable = false)
    LocalTime opensAt;

    @Column(name = "closes_at", nullable = false)
    LocalTime closesAt;

    @Column(name = "operator_org", length = 64)
    private String operatorOrg;

    @Column(name = "capacity_note", nullable = false, length = 200)
    String capacityNote;

    protected ScenicSite() {
    }

    /** A site of the demo data ({@link TourismDemoData}); production has no sites until it is given its own. */
    ScenicSite(String code, String nameZh, String nameEn, String county, int dailyCapacity, int walkInPercent,
               LocalTime opensAt, LocalTime closesAt, String operatorOrg, String capacityNote) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.county = county;
        this.dailyCapacity = dailyCapacity;
        this.walkInPercent = walkInPercent;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.operatorOrg = operatorOrg;
        this.capacityNote = capacityNote;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public String county() {
        return county;
    }

    public int dailyCapacity() {
        return dailyCapacity;
    }

    public int walkInPercent() {
        return walkInPercent;
    }

    /** Places a day may offer for booking: the daily capacity less the share held back for walk-ins. */
    public int bookableDailyCapacity() {
        return dailyCapacity - (dailyCapacity * walkInPercent + 99) / 100;
    }

    public LocalTime opensAt() {
        return opensAt;
    }

    public LocalTime closesAt() {
        return closesAt;
    }

    public String operatorOrg() {
        return operatorOrg;
    }

    public String capacityNote() {
        return capacityNote;
    }
}
