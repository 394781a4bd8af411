package cn.yaan.carbonsink.tourism;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A scan of an already used ticket that an offline scanner admitted before it could know: reported after sync. */
@Entity
@Table(name = "check_in_conflict")
@NamedQuery(name = "CheckInConflict.ofBookings", query = "select c from CheckInConflict c where c.bookingId in :bookings order by c.scannedAt")
@NamedQuery(name = "CheckInConflict.byNonce", query = "select count(c) from CheckInConflict c where c.bookingId = :booking "
        + "and c.scanNonce = :nonce")
@NamedQuery(name = "CheckInConflict.sameScan", query = "select count(c) from CheckInConflict c where c.bookingId = :booking "
        + "and c.scanNonce is null and c.operator = :operator and c.gate = :gate and c.scannedAt = :at")
public class CheckInConflict {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "booking_id", nullable = false)
    private long bookingId;

    @Column(nullable = false, length = 40)
    private String gate;

    @Column(name = "scanned_at", nullable = false)
    private Instant scannedAt;

    @Column(nullable = false, length = 64)
    private String operator;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "scan_nonce", length = 64)
    private String scanNonce;

    protected CheckInConflict() {
    }

    CheckInConflict(long bookingId, String gate, Instant scannedAt, String operator, Instant recordedAt,
                    String scanNonce) {
        this.scanNonce = scanNonce;
        this.bookingId = bookingId;
        this.gate = gate;
        this.scannedAt = scannedAt;
        this.operator = operator;
        this.recordedAt = recordedAt;
    }

    public long bookingId() {
        return bookingId;
    }

    public String gate() {
        return gate;
    }

    public Instant scannedAt() {
        return scannedAt;
    }
}
