package cn.yaan.carbonsink.tourism;

import jakarta.persistence.CollectionTable;
import org.hibernate.annotations.BatchSize;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A timed-entry booking: a party in a slot, its trip's footprint and the order that holds places and units. Its
 * status moves only through the methods below, each refusing a transition its status does not allow:
 * <pre>
 * HELD --confirm--> CONFIRMED --cancel--> CANCELLED
 * HELD --release--> CANCELLED | EXPIRED --renew--> HELD
 * EXPIRED --refundDue--> REFUND_DUE
 * </pre>
 */
@Entity
@Table(name = "booking")
@NamedQuery(name = "Booking.byNo", query = "select b from Booking b where b.bookingNo = :no")
@NamedQuery(name = "Booking.idByNo", query = "select b.id from Booking b where b.bookingNo = :no")
@NamedQuery(name = "Booking.byOrder", query = "select b from Booking b where b.orderId = :order")
@NamedQuery(name = "Booking.ofOwner", query = "select b from Booking b where b.owner = :owner order by b.createdAt desc")
@NamedQuery(name = "Booking.ofSlots", query = "select b from Booking b where b.slotId in :slots")
public class Booking {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "booking_no", nullable = false, unique = true, length = 20)
    private String bookingNo;

    @Column(name = "slot_id", nullable = false)
    private long slotId;

    @Column(nullable = false, length = 64)
    private String owner;

    @Column(name = "party_size", nullable = false)
    private int partySize;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private BookingStatus status;

    @Column(name = "order_id", nullable = false)
    private long orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "trip_mode", nullable = false, length = 20)
    private TravelMode mode;

    @Column(name = "distance_km", nullable = false, precision = 8, scale = 1)
    private BigDecimal distanceKm;

    private Integer occupants;

    @Column(nullable = false)
    private int nights;

    @Column(nullable = false)
    private int days;

    @Column(name = "footprint_kg", nullable = false, precision = 12, scale = 3)
    private BigDecimal footprintKg;

    @Column(name = "travel_factor_version", nullable = false)
    private int travelFactorVersion;

    @Column(name = "lodging_factor_version", nullable = false)
    private int lodgingFactorVersion;

    @Column(name = "on_site_factor_version", nullable = false)
    private int onSiteFactorVersion;

    @Column(name = "factors_estimate", nullable = false)
    private boolean factorsEstimate;

    @Column(name = "offset_kg", nullable = false)
    private long offsetKg;

    @Column(name = "amount_fen", nullable = false)
    private long amountFen;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Column(name = "certificate_no", length = 20)
    private String certificateNo;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.LAZY)
    @BatchSize(size = 100)
    @CollectionTable(name = "booking_visitor", joinColumns = @JoinColumn(name = "booking_id"))
    @OrderColumn(name = "seq")
    private List<Visitor> visitors = new ArrayList<>();

    /** One member of the party: name and ID number sealed by {@code PersonalData}, the ID's keyed hash. */
    @Embeddable
    public static class Visitor {
        @Column(name = "name_sealed", nullable = false, length = 400)
        String nameSealed;
        @Column(name = "id_sealed", nullable = false, length = 300)
        String idSealed;
        @Column(name = "id_hash", nullable = false, length = 64)
        String idHash;

        protected Visitor() {
        }

        Visitor(String nameSealed, String idSealed, String idHash) {
            this.nameSealed = nameSealed;
            this.idSealed = idSealed;
            this.idHash = idHash;
        }
    }

    protected Booking() {
    }

    Booking(String bookingNo, long slotId, String owner, List<Visitor> visitors, long orderId, Footprint.Trip trip,
            Footprint.Result footprint, Footprint.FactorVersions factors, long amountFen, Instant createdAt,
            Instant expiresAt) {
        this.bookingNo = bookingNo;
        this.slotId = slotId;
        this.owner = owner;
        this.visitors = new ArrayList<>(visitors);
        this.partySize = visitors.size();
        this.status = BookingStatus.HELD;
        this.orderId = orderId;
        this.mode = trip.mode();
        this.distanceKm = trip.distanceKm();
        this.occupants = trip.occupants();
        this.nights = trip.nights();
        this.days = trip.days();
        this.footprintKg = footprint.kg();
        this.offsetKg = footprint.offsetKg();
        this.travelFactorVersion = factors.travel();
        this.lodgingFactorVersion = factors.lodging();
        this.onSiteFactorVersion = factors.onSite();
        this.factorsEstimate = factors.estimate();
        this.amountFen = amountFen;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Its order was paid: the offset is retired and the visit certified. */
    void confirm(Instant now, String certificateNo) {
        require(BookingStatus.HELD, "be confirmed");
        status = BookingStatus.CONFIRMED;
        confirmedAt = now;
        this.certificateNo = certificateNo;
    }

    /** Its unpaid order let its units go: cancelled by the visitor, or expired. Its places go back. */
    void release(boolean cancelled, Instant now) {
        require(BookingStatus.HELD, "be released");
        status = cancelled ? BookingStatus.CANCELLED : BookingStatus.EXPIRED;
        if (cancelled) {
            cancelledAt = now;
        }
    }

    /** A payment came after expiry and the places were free again: the booking holds them once more. */
    void renew() {
        require(BookingStatus.EXPIRED, "be renewed");
        status = BookingStatus.HELD;
    }

    /** A payment came after expiry and the slot had filled meanwhile: the money is owed back. */
    void refundDue() {
        require(BookingStatus.EXPIRED, "become refund-due");
        status = BookingStatus.REFUND_DUE;
    }

    /** The visitor cancelled a paid booking before the visit: its places go back, its offset stays retired. */
    void cancel(Instant now) {
        require(BookingStatus.CONFIRMED, "be cancelled");
        status = BookingStatus.CANCELLED;
        cancelledAt = now;
    }

    private void require(BookingStatus expected, String what) {
        if (status != expected) {
            throw new IllegalStateException("Booking " + bookingNo + " is " + status + " and cannot " + what);
        }
    }

    public Long id() {
        return id;
    }

    public String bookingNo() {
        return bookingNo;
    }

    public long slotId() {
        return slotId;
    }

    public String owner() {
        return owner;
    }

    public int partySize() {
        return partySize;
    }

    public BookingStatus status() {
        return status;
    }

    public long orderId() {
        return orderId;
    }

    public Footprint.Trip trip() {
        return new Footprint.Trip(mode, distanceKm, occupants, nights, days);
    }

    /** The versions of the emission factors the footprint used. */
    public Footprint.FactorVersions factorVersions() {
        return new Footprint.FactorVersions(travelFactorVersion, lodgingFactorVersion, onSiteFactorVersion,
                factorsEstimate);
    }

    public BigDecimal footprintKg() {
        return footprintKg;
    }

    public long offsetKg() {
        return offsetKg;
    }

    public long amountFen() {
        return amountFen;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public String certificateNo() {
        return certificateNo;
    }

    List<Visitor> visitors() {
        return visitors;
    }
}
