package cn.yaan.carbonsink.tourism;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A timed-entry slot of a site (分时预约). {@code booked} counts the places of unpaid and confirmed bookings; it is
 * only ever changed by one conditional UPDATE ({@link SiteService#take}, {@link SiteService#giveBack}), and the database refuses
 * {@code booked > capacity}.
 */
@Entity
@Table(name = "visit_slot")
@NamedQuery(name = "VisitSlot.ofDay", query = "select s from VisitSlot s where s.siteId = :site and s.date = :date order by s.startsAt")
@NamedQuery(name = "VisitSlot.ofDays", query = "select s from VisitSlot s where s.siteId = :site and s.date between :from and :to")
public class VisitSlot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "site_id", nullable = false)
    private long siteId;

    @Column(name = "slot_date", nullable = false)
    private LocalDate date;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(nullable = false)
    int capacity;

    @Column(nullable = false)
    int booked;

    @Column(nullable = false)
    boolean closed;

    /** Why the slot's day was closed, shown to visitors; null while open (and for slots closed before reasons). */
    @Column(name = "closed_reason", length = 400)
    private String closedReason;

    protected VisitSlot() {
    }

    VisitSlot(long siteId, LocalDate date, Instant startsAt, Instant endsAt, int capacity) {
        this.siteId = siteId;
        this.date = date;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.capacity = capacity;
    }

    public Long id() {
        return id;
    }

    public long siteId() {
        return siteId;
    }

    public LocalDate date() {
        return date;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public int capacity() {
        return capacity;
    }

    public int booked() {
        return booked;
    }

    public boolean closed() {
        return closed;
    }

    public String closedReason() {
        return closedReason;
    }

    /** Closes the slot to new bookings, for a reason visitors are shown. Bookings already made stay as they are. */
    void close(String reason) {
        this.closed = true;
        this.closedReason = reason;
    }

    public int remaining() {
        return closed ? 0 : capacity - booked;
    }
}
