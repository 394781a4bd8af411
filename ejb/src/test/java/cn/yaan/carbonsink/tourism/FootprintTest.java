package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.shared.BusinessException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FootprintTest {

    static final Map<String, BigDecimal> DEFAULTS = Map.of("CAR", new BigDecimal("0.17"), "ELECTRIC_CAR",
            new BigDecimal("0.05"), "COACH", new BigDecimal("0.03"), "RAIL", new BigDecimal("0.035"), "FLIGHT",
            new BigDecimal("0.15"), "LODGING", new BigDecimal("15"), "ON_SITE", new BigDecimal("2"));

    @Test
    void aCarIsSharedByItsOccupantsAndTheTripCountsThereAndBack() {
        // Chengdu -> Bifengxia 150 km, 3 people in one petrol car, 1 night, 2 days:
        // 300 km x 0.17 / 3 x 3 = 51; lodging 1 x 15 x 3 = 45; on site 2 x 2 x 3 = 12; total 108 kg.
        var r = Footprint.of(new Footprint.Trip(TravelMode.CAR, new BigDecimal("150"), 3, 1, 2), 3, DEFAULTS);
        assertThat(r.kg()).isEqualByComparingTo("108");
        assertThat(r.offsetKg()).isEqualTo(108);
        assertThat(r.working()).hasSize(4);
        assertThat(r.terms()).extracting(Footprint.Term::kind).containsExactly("TRAVEL_BY_CAR", "LODGING", "ON_SITE");
        assertThat(r.terms().get(0)).isEqualTo(new Footprint.Term("TRAVEL_BY_CAR", "CAR", new BigDecimal("300.0"),
                new BigDecimal("0.17"), 3, 3, new BigDecimal("51.000")));
        assertThat(r.terms().stream().map(Footprint.Term::kg).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("the terms add up to the total").isEqualByComparingTo(r.kg());
        assertThat(r.working().get(0)).contains("300 km (2 x 150)", "0.17 kg/car-km / 3 occupants", "51.000 kg");
    }

    @Test
    void theOffsetIsRoundedUpToWholeKilograms() {
        // Rail 120.5 km, 2 persons, day trip: 241 x 0.035 x 2 = 16.87; on site 1 x 2 x 2 = 4 -> 20.87 -> 21.
        var r = Footprint.of(new Footprint.Trip(TravelMode.RAIL, new BigDecimal("120.5"), null, 0, 1), 2, DEFAULTS);
        assertThat(r.kg()).isEqualByComparingTo("20.870");
        assertThat(r.offsetKg()).isEqualTo(21);
        assertThat(r.terms().get(0)).isEqualTo(new Footprint.Term("TRAVEL", "RAIL", new BigDecimal("241.0"),
                new BigDecimal("0.035"), null, 2, new BigDecimal("16.870")));
    }

    @Test
    void aPartyLargerThanACarLoadCountsItsShareOfTheCars() {
        // 5 persons, 4 per car: 5/4 of the car-km. 100 km one way, electric: 200 x 0.05 x 5 / 4 = 12.5.
        var r = Footprint.of(new Footprint.Trip(TravelMode.ELECTRIC_CAR, new BigDecimal("100"), 4, 0, 0), 5, DEFAULTS);
        assertThat(r.kg()).isEqualByComparingTo("12.5");
        assertThat(r.offsetKg()).isEqualTo(13);
    }

    @Test
    void evenANearlyZeroFootprintIsOffsetByAtLeastOneKilogram() {
        var r = Footprint.of(new Footprint.Trip(TravelMode.COACH, new BigDecimal("0.1"), null, 0, 0), 1, DEFAULTS);
        assertThat(r.kg()).isEqualByComparingTo("0.006");
        assertThat(r.offsetKg()).isEqualTo(1);
    }

    @Test
    void aTripThatCannotBeIsRefusedWithTheFieldToMend() {
        assertThat(field(new Footprint.Trip(TravelMode.CAR, BigDecimal.TEN, null, 0, 1))).isEqualTo("trip.occupants");
        assertThat(field(new Footprint.Trip(TravelMode.ELECTRIC_CAR, BigDecimal.TEN, 10, 0, 1))).isEqualTo("trip.occupants");
        assertThat(field(new Footprint.Trip(TravelMode.RAIL, BigDecimal.TEN, null, 3, 2))).isEqualTo("trip.nights");
        new Footprint.Trip(TravelMode.RAIL, BigDecimal.TEN, null, 2, 2).check();
        assertThat(field(new Footprint.Trip(TravelMode.CAR, BigDecimal.TEN, 0, 0, 1))).isEqualTo("trip.occupants");
        new Footprint.Trip(TravelMode.CAR, BigDecimal.TEN, 9, 0, 1).check();
        new Footprint.Trip(TravelMode.CAR, BigDecimal.TEN, 1, 0, 1).check();
    }

    private static String field(Footprint.Trip trip) {
        BusinessException e = catchThrowableOfType(trip::check, BusinessException.class);
        assertThat(e).as("refused").isNotNull();
        return e.fieldErrors().get(0).field();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "1E-999999999|trip.distanceKm must have at most 10 decimal places.",
            "1E+999999999|trip.distanceKm must be at most 5000.",
            "0|trip.distanceKm must be more than 0."})
    void anAbsurdDistanceIsRefusedBeforeAnyArithmetic(String distance, String message) {
        BusinessException e = catchThrowableOfType(BusinessException.class, () -> Footprint.of(
                new Footprint.Trip(TravelMode.CAR, new BigDecimal(distance), 3, 0, 1), 3, DEFAULTS));
        assertThat(e).isNotNull();
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("trip.distanceKm");
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void theDistanceIsKeptToATenthOfAKilometre() {
        assertThat(new Footprint.Trip(TravelMode.RAIL, new BigDecimal("120.46"), null, 0, 1).distanceKm()).isEqualTo("120.5");
    }

    @Test
    void anEnteredTripKeepsTheOccupantsOnlyForACar() {
        assertThat(new Footprint.TripEntry(TravelMode.CAR, new BigDecimal("150.04"), 3, 1, 2).toTrip())
                .isEqualTo(new Footprint.Trip(TravelMode.CAR, new BigDecimal("150.0"), 3, 1, 2));
        assertThat(new Footprint.TripEntry(TravelMode.RAIL, BigDecimal.TEN, 3, 0, 1).toTrip().occupants()).isNull();
    }

    @Test
    void aBookingKeepsTheVersionsOfItsThreeFactorsAndWhetherAnyIsAnEstimate() throws ReflectiveOperationException {
        List<TravelFactor> published = List.of(factor("CAR", 2, false), factor("RAIL", 5, true),
                factor("LODGING", 1, false), factor("ON_SITE", 3, false));
        assertThat(Footprint.FactorVersions.of(TravelMode.CAR, published))
                .as("another mode's estimate does not count").isEqualTo(new Footprint.FactorVersions(2, 1, 3, false));
        for (String estimated : List.of("CAR", "LODGING", "ON_SITE")) {
            List<TravelFactor> factors = List.of(factor("CAR", 2, estimated.equals("CAR")),
                    factor("LODGING", 1, estimated.equals("LODGING")), factor("ON_SITE", 3, estimated.equals("ON_SITE")));
            assertThat(Footprint.FactorVersions.of(TravelMode.CAR, factors).estimate()).as(estimated).isTrue();
        }
    }

    /** A factor as the database holds it (the entity has no public constructor: versions are made from versions). */
    private static TravelFactor factor(String code, int version, boolean estimate) throws ReflectiveOperationException {
        TravelFactor f = new TravelFactor();
        for (Map.Entry<String, Object> field : Map.<String, Object>of("code", code, "version", version,
                "estimate", estimate).entrySet()) {
            var declared = TravelFactor.class.getDeclaredField(field.getKey());
            declared.setAccessible(true);
            declared.set(f, field.getValue());
        }
        return f;
    }
}
