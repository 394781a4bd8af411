package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Decimals;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A visit's footprint (docs/DOMAIN.md section 5):
 * {@code E = distance x factor[mode] x persons + nights x factor[lodging] x persons + days x factor[on-site] x persons},
 * where a car's factor is per car-km and divided by its occupants. The distance is the one-way distance from the
 * origin and is counted twice (there and back). The offset is the footprint rounded up to whole kilograms, so a
 * visit is never offset by less than it emitted.
 */
public final class Footprint {

    public static final String LODGING = "LODGING";
    public static final String ON_SITE = "ON_SITE";

    private Footprint() {
    }

    /** One-way distances a trip may have: more than 0 and at most 5000 km, kept to 0.1 km. */
    public static final Decimals.Range DISTANCE_KM = Decimals.Range.above("0", "5000", Decimals.MAX_FRACTION_DIGITS);

    /**
     * The trip as the visitor describes it. The distance is checked as it is given, before it is rounded to 0.1 km:
     * rounding {@code 1E-999999999} would never finish.
     */
    @Schema(name = "TripFigures", description = "The trip as recorded: the distance rounded to 0.1 km")
    public record Trip(TravelMode mode, BigDecimal distanceKm, Integer occupants, int nights, int days) {

        public Trip {
            distanceKm = DISTANCE_KM.require("trip.distanceKm", distanceKm).setScale(1, RoundingMode.HALF_UP);
        }

        /** Refuses a trip that cannot be: a car without the number of people in it, more nights than days. */
        public void check() {
            if (mode.perCar && (occupants == null || occupants < 1 || occupants > 9)) {
                throw BusinessException.invalid("trip.occupants", "For a car, give the number of people in it (1 to 9).");
            }
            if (nights > days) {
                throw BusinessException.invalid("trip.nights", "A trip of " + days + " days on site has at most "
                        + days + " nights of lodging.");
            }
        }
    }

    /**
     * The trip as a request gives it, checked by Bean Validation where a service receives it; {@link #toTrip()} makes
     * the domain's {@link Trip} (the number of people in the vehicle only for a car).
     */
    @Schema(name = "Trip")
    public record TripEntry(@NotNull TravelMode mode,
                            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("5000")
                            @Schema(examples = "150") BigDecimal distanceKm,
                            @Min(1) @Max(9) @Schema(examples = "3") Integer occupants,
                            @NotNull @Min(0) @Max(30) @Schema(examples = "1") Integer nights,
                            @NotNull @Min(1) @Max(30) @Schema(examples = "2") Integer days) {

        public Trip toTrip() {
            return new Trip(mode, distanceKm, mode.perCar ? occupants : null, nights, days);
        }
    }

    /**
     * The versions of the three factors a footprint used (travel mode, lodging, on site), and whether any of them was
     * an estimate; a booking keeps them.
     */
    @Schema(name = "FactorVersions", requiredProperties = {"travel", "lodging", "onSite", "estimate"})
    public record FactorVersions(int travel, int lodging, int onSite, boolean estimate) {

        static FactorVersions of(TravelMode mode, List<TravelFactor> factors) {
            Map<String, TravelFactor> byCode = new java.util.HashMap<>();
            factors.forEach(f -> byCode.put(f.code(), f));
            TravelFactor travel = byCode.get(mode.name());
            TravelFactor lodging = byCode.get(LODGING);
            TravelFactor onSite = byCode.get(ON_SITE);
            return new FactorVersions(travel.version(), lodging.version(), onSite.version(),
                    travel.estimate() || lodging.estimate() || onSite.estimate());
        }
    }

    /**
     * kg CO2e with its working: one line per term, then the total and the offset, in English for the API; and the
     * terms themselves, for pages that say them in the reader's language.
     */
    public record Result(BigDecimal kg, long offsetKg, List<String> working, List<Term> terms) {
    }

    /**
     * One term of the sum: {@code quantity} (round-trip km, nights or days) x {@code factor} (kg CO2e per unit)
     * [/ {@code occupants} of a car] x {@code persons} = {@code kg} (rounded to grams).
     *
     * @param kind   {@code TRAVEL}, {@code TRAVEL_BY_CAR}, {@code LODGING} or {@code ON_SITE}
     * @param mode   the travel mode's name, for travel terms
     */
    public record Term(String kind, String mode, BigDecimal quantity, BigDecimal factor, Integer occupants,
                       int persons, BigDecimal kg) {
    }

    /**
     * @param factors kg CO2e per unit by code: the {@link TravelMode} names, {@link #LODGING} and {@link #ON_SITE}
     */
    public static Result of(Trip trip, int persons, Map<String, BigDecimal> factors) {
        BigDecimal people = BigDecimal.valueOf(persons);
        BigDecimal km = trip.distanceKm().multiply(BigDecimal.valueOf(2));
        BigDecimal factor = factors.get(trip.mode().name());
        List<String> working = new ArrayList<>();
        BigDecimal travel;
        String mode = trip.mode().name();
        Term travelTerm;
        if (trip.mode().perCar) {
            BigDecimal occupants = BigDecimal.valueOf(trip.occupants());
            travel = km.multiply(factor).multiply(people).divide(occupants, MathContext.DECIMAL64);
            working.add(mode + ": " + plain(km) + " km (2 x " + plain(trip.distanceKm()) + ") x " + plain(factor)
                    + " kg/car-km / " + trip.occupants() + " occupants x " + persons + " persons = " + kg(travel));
            travelTerm = new Term("TRAVEL_BY_CAR", mode, km, factor, trip.occupants(), persons, grams(travel));
        } else {
            travel = km.multiply(factor).multiply(people);
            working.add(mode + ": " + plain(km) + " km (2 x " + plain(trip.distanceKm()) + ") x " + plain(factor)
                    + " kg/passenger-km x " + persons + " persons = " + kg(travel));
            travelTerm = new Term("TRAVEL", mode, km, factor, null, persons, grams(travel));
        }
        BigDecimal nights = BigDecimal.valueOf(trip.nights());
        BigDecimal lodging = nights.multiply(factors.get(LODGING)).multiply(people);
        working.add("lodging: " + trip.nights() + " nights x " + plain(factors.get(LODGING)) + " kg x " + persons
                + " persons = " + kg(lodging));
        BigDecimal days = BigDecimal.valueOf(trip.days());
        BigDecimal onSite = days.multiply(factors.get(ON_SITE)).multiply(people);
        working.add("on site: " + trip.days() + " days x " + plain(factors.get(ON_SITE)) + " kg x " + persons
                + " persons = " + kg(onSite));
        BigDecimal total = travel.add(lodging).add(onSite).setScale(3, RoundingMode.HALF_UP);
        long offset = Math.max(1, total.setScale(0, RoundingMode.CEILING).longValueExact());
        working.add("total = " + total.toPlainString() + " kg CO2e; offset " + offset + " kg (rounded up)");
        return new Result(total, offset, working, List.of(travelTerm,
                new Term("LODGING", null, nights, factors.get(LODGING), null, persons, grams(lodging)),
                new Term("ON_SITE", null, days, factors.get(ON_SITE), null, persons, grams(onSite))));
    }

    private static BigDecimal grams(BigDecimal kg) {
        return kg.setScale(3, RoundingMode.HALF_UP);
    }

    private static String kg(BigDecimal value) {
        return value.setScale(3, RoundingMode.HALF_UP).toPlainString() + " kg";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
