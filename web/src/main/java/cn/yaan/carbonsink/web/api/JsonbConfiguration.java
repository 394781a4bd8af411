package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.Timestamps;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.time.Instant;

/**
 * JSON-B as the API uses it: a field the endpoint does not know is an error (400), not silently dropped, so a
 * client's typo ({@code "quantitykg"}) is caught instead of becoming a default value; every value must have the
 * JSON type of its field, read by {@link StrictJson} (no {@code 1.5} for a whole number, no {@code "1"} for a
 * number, no absurd exponent, no control characters); nulls are left out. Every instant is written one way
 * ({@link Timestamps}: UTC, {@code Z}, three fraction digits), here once for every answer rather than per field.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    public static final Jsonb JSONB = JsonbBuilder.create(config());

    private static JsonbConfig config() {
        JsonbConfig config = new JsonbConfig().withNullValues(false).withDeserializers(new StrictJson.Integers(),
                new StrictJson.Longs(), new StrictJson.Decimal(), new StrictJson.Booleans(), new StrictJson.Enums(),
                new StrictJson.Text()).withSerializers(new InstantText());
        config.setProperty("jsonb.fail-on-unknown-properties", true);
        return config;
    }

    /** An instant as {@link Timestamps#text} writes it. */
    public static final class InstantText implements JsonbSerializer<Instant> {
        @Override
        public void serialize(Instant instant, JsonGenerator generator, SerializationContext context) {
            generator.write(Timestamps.text(instant));
        }
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
