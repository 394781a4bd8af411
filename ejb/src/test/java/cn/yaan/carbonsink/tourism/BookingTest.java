package cn.yaan.carbonsink.tourism;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status rules of a booking, without a database. */
class BookingTest {

    static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");

    static Booking held() {
        Footprint.Trip trip = new Footprint.Trip(TravelMode.COACH, new BigDecimal("100"), null, 0, 1);
        return new Booking("T-2026-TEST", 1L, "citizen", List.of(new Booking.Visitor("n", "i", "h")), 7L, trip,
                new Footprint.Result(new BigDecimal("8"), 8, List.of(), List.of()),
                new Footprint.FactorVersions(1, 1, 1, true), 64, NOW, NOW.plusSeconds(900));
    }

    @Test
    void aNewBookingHoldsItsPartyTripAndOffset() {
        Booking b = held();
        assertThat(b.bookingNo()).isEqualTo("T-2026-TEST");
        assertThat(b.slotId()).isEqualTo(1L);
        assertThat(b.owner()).isEqualTo("citizen");
        assertThat(b.partySize()).isEqualTo(1);
        assertThat(b.visitors()).hasSize(1);
        assertThat(b.orderId()).isEqualTo(7L);
        assertThat(b.trip()).isEqualTo(new Footprint.Trip(TravelMode.COACH, new BigDecimal("100"), null, 0, 1));
        assertThat(b.footprintKg()).isEqualByComparingTo("8");
        assertThat(b.factorVersions()).isEqualTo(new Footprint.FactorVersions(1, 1, 1, true));
        assertThat(b.offsetKg()).isEqualTo(8);
        assertThat(b.amountFen()).isEqualTo(64);
        assertThat(b.createdAt()).isEqualTo(NOW);
        assertThat(b.expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(b.confirmedAt()).isNull();
        assertThat(b.certificateNo()).isNull();
        assertThat(b.id()).as("given by the database").isNull();
    }

    @Test
    void aPaidBookingIsConfirmedWithItsCertificate() {
        Booking b = held();
        assertThat(b.status()).isEqualTo(BookingStatus.HELD);
        b.confirm(NOW, "V-2026-XXXX-XXXX-X");
        assertThat(b.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(b.confirmedAt()).isEqualTo(NOW);
        assertThat(b.certificateNo()).isEqualTo("V-2026-XXXX-XXXX-X");
        assertThatThrownBy(() -> b.confirm(NOW, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.release(true, NOW)).as("a paid booking is not released with its order")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnpaidBookingIsReleasedAsCancelledOrExpired() {
        Booking cancelled = held();
        cancelled.release(true, NOW);
        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).isEqualTo(NOW);

        Booking expired = held();
        expired.release(false, NOW);
        assertThat(expired.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(expired.cancelledAt()).isNull();
        assertThatThrownBy(() -> expired.release(false, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> expired.confirm(NOW, "n")).as("an expired hold cannot be confirmed")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnExpiredBookingIsRenewedOrOwedBack() {
        Booking renewed = held();
        renewed.release(false, NOW);
        renewed.renew();
        assertThat(renewed.status()).isEqualTo(BookingStatus.HELD);

        Booking owed = held();
        owed.release(false, NOW);
        owed.refundDue();
        assertThat(owed.status()).isEqualTo(BookingStatus.REFUND_DUE);
        assertThatThrownBy(owed::renew).isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(() -> held().renew()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> held().refundDue()).isInstanceOf(IllegalStateException.class);
        Booking cancelled = held();
        cancelled.release(true, NOW);
        assertThatThrownBy(cancelled::renew).as("a cancelled booking stays cancelled").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAConfirmedBookingIsCancelledByItsVisitor() {
        assertThatThrownBy(() -> held().cancel(NOW)).as("an unpaid booking is cancelled through its order")
                .isInstanceOf(IllegalStateException.class);
        Booking b = held();
        b.confirm(NOW, "n");
        b.cancel(NOW.plusSeconds(60));
        assertThat(b.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(b.cancelledAt()).isEqualTo(NOW.plusSeconds(60));
        assertThatThrownBy(() -> b.cancel(NOW)).isInstanceOf(IllegalStateException.class);
    }
}
