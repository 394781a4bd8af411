package cn.yaan.carbonsink.shared;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Decimal numbers from outside, bounded before anything is computed with them. A {@link BigDecimal} keeps its
 * exponent in an {@code int}: {@code 1E-999999999} is twelve characters to send, but rounding it, adding it to a
 * whole number or printing it builds a power of ten with a billion digits (an {@code OutOfMemoryError}, or
 * "BigInteger would overflow"). Every check here looks only at the precision and the scale, which costs nothing
 * whatever the exponent, and comes before any arithmetic: the JSON reader and the form converter apply
 * {@link #parse} to every decimal they read, and each domain value has its own {@link Range}.
 */
public final class Decimals {

    /** Digits before the decimal point any decimal input may have; each field's own range is tighter. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Digits after the decimal point any decimal input may have (trailing zeros do not count). */
    public static final int MAX_FRACTION_DIGITS = 10;
    /** What is said about a number beyond those bounds. */
    public static final String GENERAL_RULE = "a decimal number with at most " + MAX_INTEGER_DIGITS
            + " digits before and " + MAX_FRACTION_DIGITS + " after the decimal point";

    /** Longer texts are not even parsed. */
    private static final int MAX_TEXT_LENGTH = 64;

    private Decimals() {
    }

    /**
     * The number written in the text (JSON number syntax; an exponent is fine if the value is within bounds), or
     * empty when it is not a number or lies beyond the general bounds.
     */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return withinGeneralBounds(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the value has at most the general number of digits before and after the point. */
    public static boolean withinGeneralBounds(BigDecimal value) {
        return integerDigits(value) <= MAX_INTEGER_DIGITS && fractionDigits(value) <= MAX_FRACTION_DIGITS;
    }

    /**
     * Digits before the point ({@code 1E+999999999} has a billion), from precision and scale alone. A zero counts
     * the zeros its exponent implies: {@code 0E+999999999} is as costly to scale as the one.
     */
    static long integerDigits(BigDecimal value) {
        return value.signum() == 0 ? Math.max(0, -(long) value.scale()) : (long) value.precision() - value.scale();
    }

    /**
     * Digits after the point that matter: {@code 1.50} has 1. A zero counts its scale: {@code 0E-999999999} printed
     * or added to a whole number would spell out a billion zeros.
     */
    static long fractionDigits(BigDecimal value) {
        if (value.scale() <= 0) {
            return 0;
        }
        if (value.signum() == 0) {
            return value.scale();
        }
        // Stripping divides by ten once per trailing zero of the unscaled value: at most its few digits.
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /**
     * The range of one kind of value: a lowest value (excluded or included), a highest value (included) and at most
     * {@code places} decimal places.
     */
    public record Range(BigDecimal min, boolean minExcluded, BigDecimal max, int places) {

        /** More than {@code min}, at most {@code max}. */
        public static Range above(String min, String max, int places) {
            return new Range(new BigDecimal(min), true, new BigDecimal(max), places);
        }

        /** From {@code min} to {@code max}, both included. */
        public static Range between(String min, String max, int places) {
            return new Range(new BigDecimal(min), false, new BigDecimal(max), places);
        }

        /** The reason the value is outside the range, said of {@code field}; empty when it is inside. */
        public Optional<String> problem(String field, BigDecimal value) {
            if (value == null) {
                return Optional.of("Give " + field + ", a number.");
            }
            if (fractionDigits(value) > places) {
                return Optional.of(places == 0 ? field + " must be a whole number." : field + " must have at most "
                        + places + (places == 1 ? " decimal place." : " decimal places."));
            }
            // Comparing looks at the exponents first: cheap whatever they are.
            if (value.compareTo(max) > 0) {
                return Optional.of(field + " must be at most " + max.toPlainString() + ".");
            }
            int low = value.compareTo(min);
            if (low < 0 || minExcluded && low == 0) {
                return Optional.of(field + " must be " + (minExcluded ? "more than " : "at least ")
                        + min.toPlainString() + ".");
            }
            return Optional.empty();
        }

        /** The value, or a validation error (400) for {@code field} saying which bound it broke. */
        public BigDecimal require(String field, BigDecimal value) {
            problem(field, value).ifPresent(p -> {
                throw BusinessException.invalid(field, p);
            });
            return value;
        }
    }
}
