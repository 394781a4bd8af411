package cn.yaan.carbonsink.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as the API uses it: a field the endpoint does not know is an error (400), not silently dropped, so a
 * client's typo ({@code "quantitykg"}) is caught instead of becoming a default value; nulls are left out.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    static final Jsonb JSONB = JsonbBuilder.create(config());

    private static JsonbConfig config() {
        JsonbConfig config = new JsonbConfig().withNullValues(false);
        config.setProperty("jsonb.fail-on-unknown-properties", true);
        return config;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
