package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as a contract, checked without a linter: the served {@code /openapi} is the document the build
 * made from the classes (the one the generated client of {@link GeneratedClientIT} comes from), and every operation
 * carries what an integrator needs. Spectral's {@code spectral:oas} rules run in CI besides (.ci/run).
 */
@ServerIT
class OpenApiContractIT {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private final Api api = Api.server();

    private JsonObject served() {
        Api.Reply reply = api.send(api.request("/openapi").header("Accept", "application/json").GET());
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void theServedDocumentIsTheOneTheBuildMadeFromTheClasses() throws IOException {
        Path built = Path.of(System.getProperty("it.openapi.json"));
        JsonObject document;
        try (Reader reader = Files.newBufferedReader(built, StandardCharsets.UTF_8);
             JsonReader json = Json.createReader(reader)) {
            document = json.readObject();
        }
        assertThat(served()).as("the served /openapi differs from %s", built).isEqualTo(document);
    }

    @Test
    void everyOperationIsNamedDescribedSecuredAndListsItsStatusesWithProblems() {
        JsonObject document = served();
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (var path : document.getJsonObject("paths").entrySet()) {
            for (var entry : path.getValue().asJsonObject().entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String at = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonObject op = entry.getValue().asJsonObject();
                String id = op.getString("operationId", "");
                if (id.isBlank() || !ids.add(id)) {
                    wrong.add(at + ": operationId missing or used twice (" + id + ")");
                }
                for (String field : List.of("summary", "description")) {
                    if (op.getString(field, "").isBlank()) {
                        wrong.add(at + ": no " + field);
                    }
                }
                JsonObject responses = op.getJsonObject("responses");
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                    wrong.add(at + ": no success status");
                }
                if (!responses.containsKey("500") || responses.keySet().stream().filter(code -> code.startsWith("4")
                        || code.startsWith("5")).anyMatch(code -> !problem(document, responses.getJsonObject(code)))) {
                    wrong.add(at + ": an error status without a problem body");
                }
                boolean secured = op.containsKey("security") && !op.getJsonArray("security").isEmpty();
                boolean publicPath = path.getKey().startsWith("/api/v1/public/");
                if (publicPath && secured) {
                    wrong.add(at + ": a public path that asks for a token");
                }
                if (secured && (!responses.containsKey("401") || !op.containsKey("x-roles")
                        || op.getJsonArray("x-roles").isEmpty())) {
                    wrong.add(at + ": secured without 401 or without the roles that may call it");
                }
                if (op.containsKey("requestBody") && !responses.containsKey("400")) {
                    wrong.add(at + ": reads a body but declares no 400");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(operations).isGreaterThan(80);
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.keySet()).noneMatch(name -> name.matches(".*\\d$"));
        assertThat(schemas.getJsonObject("Problem").getJsonArray("required").toString())
                .contains("type", "title", "status");
        assertThat(schemas.getJsonObject("OrderStatus").getJsonArray("enum").toString()).contains("PENDING_PAYMENT");
        assertThat(document.getJsonArray("servers")).isNotEmpty();
        assertThat(document.getJsonObject("info").getJsonObject("license").getString("name")).isNotBlank();
    }

    /**
     * What the document says of who may call an operation is what the server does: an anonymous call of an operation
     * with a bearer requirement is 401, of one without never 401 (the payment callback checks a signature instead,
     * and says so with its 401).
     */
    @Test
    void anonymousCallsMeetTheDeclaredSecurity() {
        List<String> wrong = new ArrayList<>();
        for (OpenApi.Endpoint e : OpenApi.of(api).endpoints()) {
            boolean secured = e.operation().containsKey("security") && !e.operation().getJsonArray("security").isEmpty();
            // Any answer is accepted: the images and PDFs would be 406 for an Accept of JSON before access is decided.
            var request = api.request(e.concretePath("1")).header("Accept", "*/*");
            var reply = api.send(e.method().equals("GET") ? request.GET()
                    : request.header("Content-Type", "application/json")
                            .method(e.method(), java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
            boolean declares401 = e.operation().getJsonObject("responses").containsKey("401");
            if (secured && reply.status() != 401 || !secured && reply.status() == 401 && !declares401) {
                wrong.add(e.key() + " (security " + (secured ? "bearer" : "none") + ") answered " + reply.status());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static boolean problem(JsonObject document, JsonObject response) {
        if (response.containsKey("$ref")) {
            String ref = response.getString("$ref");
            response = document.getJsonObject("components").getJsonObject("responses")
                    .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        JsonObject content = response.getJsonObject("content");
        if (content == null) {
            return false;
        }
        return content.keySet().stream().anyMatch(type -> type.equals("application/problem+json"))
                || content.values().stream().map(JsonValue::toString).anyMatch(s -> s.contains("Health"));
    }
}
