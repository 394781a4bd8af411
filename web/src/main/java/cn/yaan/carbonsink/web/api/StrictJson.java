package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Decimals;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the API reads JSON values, stricter than JSON-B's defaults, which turn {@code 1.5} into 1 for a whole number,
 * {@code 18446744073709551617} into 1 (overflow), the text {@code "1"} into a number and {@code "yes"} into false.
 * Here every value must be of the JSON type its field declares: whole numbers are JSON integers within the field's
 * Java type, decimals lie within {@link Decimals}' general bounds (so no absurd exponent gets further), booleans are
 * {@code true} or {@code false}, enumerations are one of their names, and text contains no control, bidirectional-control or broken characters
 * ({@link FreeText#characterProblem}). A refusal names the field (see {@link #refusal}) and says what to send.
 */
public final class StrictJson {

    private static final Pattern PROPERTY = Pattern.compile("Unable to deserialize property '([^']*)'");
    private static final Pattern UNKNOWN = Pattern.compile("Json property (\\S+) can not be mapped");

    private StrictJson() {
    }

    /** A value refused by these rules; its message completes "field ...". */
    public static final class Refused extends JsonbException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The 400 for a body JSON-B could not read because of one of its values, naming the field as the client wrote it
     * ({@code trip.distanceKm}; list positions are not known); null when the failure is about the body as a whole
     * (a syntax error, the wrong kind of document). Yasson wraps a failure once per enclosing property.
     */
    public static BusinessException refusal(Throwable failure) {
        StringBuilder field = new StringBuilder();
        Refused refused = null;
        boolean unknown = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParsingException) {
                return null;
            }
            if (t instanceof Refused r) {
                refused = r;
            }
            if (!(t instanceof JsonbException) || t.getMessage() == null) {
                continue;
            }
            Matcher property = PROPERTY.matcher(t.getMessage());
            Matcher unknownProperty = UNKNOWN.matcher(t.getMessage());
            unknown |= unknownProperty.lookingAt();
            String name = property.lookingAt() ? property.group(1) : unknownProperty.lookingAt() ? unknownProperty.group(1) : null;
            if (name != null) {
                field.append(field.length() == 0 ? "" : ".").append(name);
            }
        }
        if (field.length() == 0) {
            return null;
        }
        String message = refused != null ? field + " " + refused.getMessage()
                : unknown ? field + " is not a field of this request; see /openapi for its fields."
                : field + " has the wrong type of value; see /openapi for what it takes.";
        return BusinessException.invalid(field.toString(), message);
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "text in quotes";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "true or false";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    private static JsonbException wrongType(String expected, JsonValue value) {
        return new Refused("must be " + expected + ", not " + kind(value) + ".");
    }

    /** Whole numbers: a JSON integer ({@code 7}, not {@code 7.0}, {@code 7e0} or {@code "7"}) in the type's range. */
    abstract static class Whole<T> implements JsonbDeserializer<T> {
        private final long min;
        private final long max;

        Whole(long min, long max) {
            this.min = min;
            this.max = max;
        }

        abstract T of(long value);

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonNumber number = number(parser, "a whole number");
            if (number == null) {
                return null;
            }
            if (!number.toString().matches("-?[0-9]+")) {
                throw new Refused("must be a whole number, written without a decimal point or exponent.");
            }
            try {
                long whole = Long.parseLong(number.toString());
                if (whole >= min && whole <= max) {
                    return of(whole);
                }
            } catch (NumberFormatException e) {
                // beyond a long: refused below
            }
            throw new Refused("must be a whole number from " + min + " to " + max + ".");
        }
    }

    public static final class Integers extends Whole<Integer> {
        public Integers() {
            super(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        Integer of(long value) {
            return (int) value;
        }
    }

    public static final class Longs extends Whole<Long> {
        public Longs() {
            super(Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Override
        Long of(long value) {
            return value;
        }
    }

    /** Decimals: a JSON number within {@link Decimals}' general bounds; each field's own range is checked later. */
    public static final class Decimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonNumber number = number(parser, "a number");
            if (number == null) {
                return null;
            }
            BigDecimal decimal = number.bigDecimalValue();
            if (!Decimals.withinGeneralBounds(decimal)) {
                throw new Refused("must be " + Decimals.GENERAL_RULE + ".");
            }
            return decimal;
        }
    }

    public static final class Booleans implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case NULL -> null;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw wrongType("true or false", value);
            };
        }
    }

    /** One of an enumeration's names, exactly: Yasson's own refusal would not name the field. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Enums implements JsonbDeserializer<Enum> {
        @Override
        public Enum deserialize(JsonParser parser, DeserializationContext context, Type type) {
            String name = string(parser.getValue());
            if (name == null) {
                return null;
            }
            Enum[] constants = ((Class<? extends Enum>) type).getEnumConstants();
            for (Enum constant : constants) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
            throw new Refused("must be one of " + java.util.Arrays.toString(constants) + ".");
        }
    }

    /** Text: a JSON string without control, bidirectional-control or broken characters. */
    public static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            String text = string(parser.getValue());
            if (text != null) {
                FreeText.characterProblem(text).ifPresent(p -> {
                    throw new Refused(p);
                });
            }
            return text;
        }
    }

    /**
     * What a camera read from a code, which may hold anything: any JSON string (the endpoint judges it and answers
     * a verdict), for the fields that carry scanned text.
     */
    public static final class ScannedText implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return string(parser.getValue());
        }
    }

    /** The number the parser is at, or null for JSON null; any other kind of value is refused. */
    private static JsonNumber number(JsonParser parser, String expected) {
        JsonValue value = parser.getValue();
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw wrongType(expected, value);
        }
        return number;
    }

    private static String string(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw wrongType("text in quotes", value);
        }
        return string.getString();
    }
}
