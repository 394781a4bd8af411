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
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * Units issued to a project for a vintage, with their serial block, and the inventory of the block:
 * issued = available + reserved + retired, always (also a CHECK constraint of the table).
 */
@Entity
@Table(name = "issuance")
@NamedQuery(name = "Issuance.ofProjectOldestFirst",
        query = "select i from Issuance i where i.project = :project order by i.vintage, i.id")
@NamedQuery(name = "Issuance.allOldestFirst", query = "select i from Issuance i join fetch i.project order by i.vintage, i.id")
@NamedQuery(name = "Issuance.idsOfProject", query = "select i.id from Issuance i where i.project.code = :code")
// Orders and retirements that name no project take units from active projects other than test ones (ProjectVisibility).
@NamedQuery(name = "Issuance.availableOldestFirst", query = "select i.id, i.availableKg from Issuance i join i.project p "
        + "where p.status = 'ACTIVE' and p.visibility <> cn.yaan.carbonsink.ledger.ProjectVisibility.TEST and i.availableKg > 0 order by i.vintage, i.id")
@NamedQuery(name = "Issuance.availableOfActiveProjects", query = "select coalesce(sum(i.availableKg), 0) from Issuance i "
        + "join i.project p where p.status = 'ACTIVE' and p.visibility <> cn.yaan.carbonsink.ledger.ProjectVisibility.TEST")
@NamedQuery(name = "Issuance.activeProjectsWithAvailable", query = "select p.code from Issuance i join i.project p "
        + "where p.status = 'ACTIVE' and p.visibility <> cn.yaan.carbonsink.ledger.ProjectVisibility.TEST "
        + "group by p.code having sum(i.availableKg) >= :kg order by p.code")
@NamedQuery(name = "Issuance.idsWithUnitsOfActiveProjects",
        query = "select i.id from Issuance i join i.project p where p.status = 'ACTIVE' and p.visibility <> cn.yaan.carbonsink.ledger.ProjectVisibility.TEST "
                + "and i.availableKg > 0")
public class Issuance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "project_id", nullable = false)
    SinkProject project;
    @Column(nullable = false)
    int vintage;
    @Column(name = "quantity_kg", nullable = false)
    long quantityKg;
    @Column(name = "first_serial", nullable = false)
    long firstSerial;
    @Column(name = "last_serial", nullable = false)
    long lastSerial;
    @Column(name = "available_kg", nullable = false)
    long availableKg;
    @Column(name = "reserved_kg", nullable = false)
    long reservedKg;
    @Column(name = "retired_kg", nullable = false)
    long retiredKg;
    @Column(name = "issued_at", nullable = false)
    Instant issuedAt;
    @Version
    long version;

    protected Issuance() {
    }

    Issuance(SinkProject project, int vintage, SerialRange block, Instant issuedAt) {
        this.project = project;
        this.vintage = vintage;
        this.quantityKg = block.size();
        this.firstSerial = block.first();
        this.lastSerial = block.last();
        this.availableKg = block.size();
        this.issuedAt = issuedAt;
    }

    /** Holds units for an unpaid order. */
    void reserve(long kg) {
        require(kg > 0 && kg <= availableKg, "reserve " + kg);
        availableKg -= kg;
        reservedKg += kg;
    }

    /** Gives held units back (expiry, cancellation). */
    void release(long kg) {
        require(kg > 0 && kg <= reservedKg, "release " + kg);
        reservedKg -= kg;
        availableKg += kg;
    }

    /** Retires held units (payment). */
    void retireReserved(long kg) {
        require(kg > 0 && kg <= reservedKg, "retire reserved " + kg);
        reservedKg -= kg;
        retiredKg += kg;
    }

    /** Retires available units directly (a direct sale paid outside the platform). */
    void retireAvailable(long kg) {
        require(kg > 0 && kg <= availableKg, "retire " + kg);
        availableKg -= kg;
        retiredKg += kg;
    }

    private void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("Issuance " + id + " cannot " + what + " (available " + availableKg
                    + ", reserved " + reservedKg + ")");
        }
    }

    public String block() {
        return SerialNumbers.block(project.code(), vintage, firstSerial, lastSerial);
    }

    public Long id() {
        return id;
    }

    public SinkProject project() {
        return project;
    }

    public int vintage() {
        return vintage;
    }

    public long quantityKg() {
        return quantityKg;
    }

    public long firstSerial() {
        return firstSerial;
    }

    public long lastSerial() {
        return lastSerial;
    }

    public long availableKg() {
        return availableKg;
    }

    public long reservedKg() {
        return reservedKg;
    }

    public long retiredKg() {
        return retiredKg;
    }

    public Instant issuedAt() {
        return issuedAt;
    }
}
