package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The API's JSON reading, with the JSON-B implementation WildFly runs (Yasson) configured as the server configures
 * it: every value has its field's JSON type, and a refusal is a 400 that names the field.
 */
class StrictJsonTest {

    public record Trip(BigDecimal distanceKm, Integer nights) {
    }

    public record Item(String species, BigDecimal volumeM3) {
    }

    public enum Mode { CAR, RAIL }

    public record Body(Long quantityKg, Integer trees, BigDecimal multiplier, Boolean consent, String name, Mode mode,
                       Trip trip, List<Item> damage, List<Integer> years,
                       @JsonbTypeDeserializer(StrictJson.ScannedText.class) String qr) {
    }

    private static Body read(String json) {
        return JsonbConfiguration.JSONB.fromJson(json, Body.class);
    }

    /** The refusal (400) the API answers for a body that failed to read, or null for a body-wide failure. */
    private static BusinessException refusal(String json) {
        JsonbException failure = catchThrowableOfType(JsonbException.class, () -> read(json));
        assertThat(failure).as(json).isNotNull();
        return StrictJson.refusal(failure);
    }

    private static FieldError error(String json) {
        BusinessException refusal = refusal(json);
        assertThat(refusal).as(json).isNotNull();
        assertThat(refusal.kind()).isEqualTo(BusinessException.Kind.INVALID);
        assertThat(refusal.fieldErrors()).hasSize(1);
        assertThat(refusal.getMessage()).isEqualTo(refusal.fieldErrors().get(0).message());
        return refusal.fieldErrors().get(0);
    }

    @Test
    void wellTypedValuesAreRead() {
        Body body = read("{\"quantityKg\":9007199254740993,\"trees\":-0,\"multiplier\":1.25E1,\"consent\":true,"
                + "\"name\":\"欧阳娜娜😀\",\"trip\":{\"distanceKm\":150.5,\"nights\":null},"
                + "\"damage\":[{\"species\":\"杉木\",\"volumeM3\":0.0001}],\"years\":[1,3]}");
        assertThat(body.quantityKg()).isEqualTo(9007199254740993L);
        assertThat(body.trees()).isZero();
        assertThat(body.multiplier()).isEqualByComparingTo("12.5");
        assertThat(body.consent()).isTrue();
        assertThat(body.name()).isEqualTo("欧阳娜娜😀");
        assertThat(body.trip().distanceKm()).isEqualByComparingTo("150.5");
        assertThat(body.trip().nights()).isNull();
        assertThat(body.damage().get(0).volumeM3()).isEqualByComparingTo("0.0001");
        assertThat(body.years()).containsExactly(1, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e2", "1E+999999999", "1E400", "\"1\"", "true", "[1]", "{\"a\":1}",
            "18446744073709551617", "99999999999999999999999999"})
    void aWholeNumberIsAJsonIntegerInRange(String value) {
        FieldError error = error("{\"quantityKg\":" + value + "}");
        assertThat(error.field()).isEqualTo("quantityKg");
        assertThat(error.message()).startsWith("quantityKg must be a whole number");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"trees\":2147483648}|trees",
            "{\"years\":[1,2.5]}|years",
            "{\"trip\":{\"nights\":\"1\"}}|trip.nights"})
    void wholeNumbersAreStrictWhereverTheyAre(String json, String field) {
        assertThat(error(json).field()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E-999999999", "1E+999999999", "1E400", "-1E-400", "0E-999999999", "0.00000000001",
            "1234567890123456", "\"1.5\""})
    void aDecimalWithAnAbsurdExponentOrTooManyDigitsIsRefusedBeforeAnythingComputesWithIt(String value) {
        FieldError error = error("{\"damage\":[{\"species\":\"杉木\",\"volumeM3\":" + value + "}]}");
        assertThat(error.field()).isEqualTo("damage.volumeM3");
        assertThat(error.message()).startsWith("damage.volumeM3 must be a");
        assertThat(error("{\"trip\":{\"distanceKm\":" + value + "}}").field()).isEqualTo("trip.distanceKm");
        assertThat(error("{\"multiplier\":" + value + "}").field()).isEqualTo("multiplier");
    }

    @Test
    void decimalsWithinTheGeneralBoundsAreRead() {
        assertThat(read("{\"multiplier\":-0}").multiplier()).isEqualByComparingTo("0");
        assertThat(read("{\"multiplier\":0.1000000000000}").multiplier()).isEqualByComparingTo("0.1");
        assertThat(read("{\"multiplier\":999999999999999}").multiplier()).isEqualByComparingTo("999999999999999");
        assertThat(read("{\"multiplier\":1E-10}").multiplier()).isEqualByComparingTo("0.0000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"true\"", "1", "0"})
    void aBooleanIsTrueOrFalse(String value) {
        assertThat(error("{\"consent\":" + value + "}").field()).isEqualTo("consent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\u0000b\"", "\"line\\nbreak\"", "\"abc\\u202Egpj.exe\"", "\"\\u2066x\\u2069\"",
            "\"\\ud800\"", "\"\\u0085\"", "42", "{\"x\":1}"})
    void textHasNoControlBidiOrBrokenCharactersAndIsAString(String value) {
        FieldError error = error("{\"name\":" + value + "}");
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.message()).startsWith("name must");
        assertThat(error("{\"damage\":[{\"species\":" + value + "}]}").field()).isEqualTo("damage.species");
    }

    @Test
    void scannedTextMayHoldAnythingButIsStillText() {
        assertThat(read("{\"qr\":\"\\u0000\\u0001\\u202E\"}").qr()).isEqualTo("\u0000\u0001\u202E");
        assertThat(error("{\"qr\":42}").field()).isEqualTo("qr");
    }

    @Test
    void anEnumerationIsOneOfItsNames() {
        assertThat(read("{\"mode\":\"RAIL\"}").mode()).isEqualTo(Mode.RAIL);
        for (String value : new String[]{"\"BOAT\"", "\"rail\"", "1", "{}"}) {
            FieldError error = error("{\"mode\":" + value + "}");
            assertThat(error.field()).isEqualTo("mode");
        }
        assertThat(error("{\"mode\":\"BOAT\"}").message()).isEqualTo("mode must be one of [CAR, RAIL].");
    }

    @Test
    void anUnknownFieldIsNamed() {
        FieldError error = error("{\"trip\":{\"distanceKm\":1,\"colour\":\"red\"}}");
        assertThat(error.field()).isEqualTo("trip.colour");
        assertThat(error.message()).contains("not a field");
    }

    @Test
    void aSyntaxErrorIsAboutTheBodyNotAField() {
        assertThat(refusal("{\"trip\":{\"distanceKm\":1,")).isNull();
        assertThat(refusal("[1, 2]")).isNull();
    }
}
