package cn.yaan.carbonsink.tourism;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The one admission of a ticket (invariant 4): its primary key is the booking. */
@Entity
@Table(name = "check_in")
public class CheckIn {

    @Id
    @Column(name = "booking_id")
    private Long bookingId;

    @Column(nullable = false, length = 40)
    private String gate;

    @Column(name = "checked_in_at", nullable = false)
    private Instant at;

    @Column(nullable = false, length = 64)
    private String operator;

    @Column(nullable = false)
    private boolean offline;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    /** The offline scanner's nonce of the scan that admitted the ticket. */
    @Column(name = "scan_nonce", length = 64)
    private String scanNonce;

    protected CheckIn() {
    }

    CheckIn(long bookingId, String gate, Instant at, String operator, boolean offline, Instant recordedAt,
            String scanNonce) {
        this.scanNonce = scanNonce;
        this.bookingId = bookingId;
        this.gate = gate;
        this.at = at;
        this.operator = operator;
        this.offline = offline;
        this.recordedAt = recordedAt;
    }

    public long bookingId() {
        return bookingId;
    }

    public String gate() {
        return gate;
    }

    public Instant at() {
        return at;
    }

    /**
     * Whether this admission came from the offline scan described: the same nonce or, for scanners that send none,
     * the same operator, gate and time.
     */
    boolean sameScan(String nonce, String operator, String gate, Instant at) {
        if (nonce != null || scanNonce != null) {
            return nonce != null && nonce.equals(scanNonce);
        }
        return offline && this.operator.equals(operator) && this.gate.equals(gate) && this.at.equals(at);
    }

    public boolean offline() {
        return offline;
    }
}
