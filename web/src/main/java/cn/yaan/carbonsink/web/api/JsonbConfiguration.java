package cn.yaan.carbonsink.web.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as the API uses it: a field the endpoint does not know is an error (400), not silently dropped, so a
 * client's typo ({@code "quantitykg"}) is caught instead of becoming a default value; every value must have the
 * JSON type of its field, read by {@link StrictJson} (no {@code 1.5} for a whole number, no {@code "1"} for a
 * number, no absurd exponent, no control characters); nulls are left out.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    public static final Jsonb JSONB = JsonbBuilder.create(config());

    private static JsonbConfig config() {
        JsonbConfig config = new JsonbConfig().withNullValues(false).withDeserializers(new StrictJson.Integers(),
                new StrictJson.Longs(), new StrictJson.Decimal(), new StrictJson.Booleans(), new StrictJson.Enums(),
                new StrictJson.Text());
        config.setProperty("jsonb.fail-on-unknown-properties", true);
        return config;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
