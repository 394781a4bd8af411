package cn.yaan.carbonsink.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The REST endpoints as the running server describes them in its OpenAPI document, which the server generates
 * from the deployed JAX-RS resources: a new resource method appears here without anyone listing it.
 */
public final class OpenApi {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final JsonObject document;

    private OpenApi(JsonObject document) {
        this.document = document;
    }

    public static OpenApi of(Api api) {
        Api.Reply reply = api.send(api.request("/openapi").header("Accept", "application/json").GET());
        if (reply.status() != 200) {
            throw new AssertionError("No OpenAPI document: " + reply);
        }
        return new OpenApi(reply.json());
    }

    /** One operation: an HTTP method on a path template such as {@code /api/v1/public/sink-projects/{code}}. */
    public record Endpoint(String method, String path, JsonObject operation) {
        public String key() {
            return method + " " + path;
        }

        public boolean changesState() {
            return !method.equals("GET");
        }

        /** The path with every template parameter replaced by the given value. */
        public String concretePath(String parameterValue) {
            return path.replaceAll("\\{[^}]+}", parameterValue);
        }

        public Optional<JsonObject> jsonBodySchema(OpenApi api) {
            JsonObject body = operation.getJsonObject("requestBody");
            if (body == null || !body.containsKey("content")) {
                return Optional.empty();
            }
            JsonObject content = body.getJsonObject("content");
            JsonObject json = content.getJsonObject("application/json");
            if (json == null || !json.containsKey("schema")) {
                return Optional.empty();
            }
            return Optional.of(api.resolve(json.getJsonObject("schema")));
        }

        public boolean consumes(String mediaType) {
            JsonObject body = operation.getJsonObject("requestBody");
            return body != null && body.containsKey("content") && body.getJsonObject("content").containsKey(mediaType);
        }
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> op : path.getValue().asJsonObject().entrySet()) {
                if (METHODS.contains(op.getKey())) {
                    endpoints.add(new Endpoint(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                            op.getValue().asJsonObject()));
                }
            }
        }
        return endpoints;
    }

    /** A schema with its {@code $ref} followed into components/schemas. */
    public JsonObject resolve(JsonObject schema) {
        if (schema.containsKey("$ref")) {
            String ref = schema.getString("$ref");
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            return resolve(document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name));
        }
        return schema;
    }
}
