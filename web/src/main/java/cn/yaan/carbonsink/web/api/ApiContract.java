package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.Settings;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of the OpenAPI document every operation shares, written once: the RFC 9457 problem schema, the error
 * responses, and the statuses and access rules that follow from an operation's shape. The server applies it to the
 * document it serves at {@code /openapi} ({@code mp.openapi.filter} in {@code META-INF/microprofile-config.properties})
 * and the build applies it to the same document made from the classes (the web module's
 * {@code smallrye-open-api-maven-plugin}), from which the integration suite generates its client.
 *
 * <p>What a resource method declares stays its own: its operation id, summary and description, its success
 * answer, the roles of its {@code @SecurityRequirement} (the same as its {@code @RolesAllowed}) and the errors
 * particular to it ({@code @APIResponse(responseCode = "409", ref = "Conflict")}). This filter adds to every
 * operation what its shape implies: 400 when it reads a body or parameters, 401 and 403 when it needs a token, 404
 * when its path names an object, 413 and 415 when it reads a body, 500 always; the roles of its bearer requirement
 * as {@code x-roles}; and a sentence saying who may call it.
 */
public class ApiContract implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String BEARER = "bearer";
    /** The extension that lists the roles that may call an operation. */
    public static final String ROLES = "x-roles";
    private static final String REF = "#/components/responses/";
    private static final List<String> ALL_ROLES = Arrays.stream(Role.values()).map(Role::name).toList();

    /** The shared responses by status: component name and what it means. */
    private static final Map<String, String[]> RESPONSES = new TreeMap<>(Map.ofEntries(
            Map.entry("304", new String[]{"NotModified", "The copy the client holds (If-None-Match) is still current; "
                    + "no body."}),
            Map.entry("400", new String[]{"BadRequest", "The request is invalid: a body that is not JSON or has an "
                    + "unknown field, a value of the wrong type, or a field or parameter that breaks its rule; errors "
                    + "names each field as the request wrote it. Nothing changed."}),
            Map.entry("401", new String[]{"Unauthorized", "No valid bearer token was sent (or, for a payment "
                    + "notification, the signature does not match); WWW-Authenticate: Bearer."}),
            Map.entry("403", new String[]{"Forbidden", "The caller's roles may not call this operation."}),
            Map.entry("404", new String[]{"NotFound", "No such object, or not one the caller may see."}),
            Map.entry("409", new String[]{"Conflict", "The request conflicts with the current state; type ends in a "
                    + "slug naming why (for example insufficient-units). Nothing changed."}),
            Map.entry("413", new String[]{"PayloadTooLarge", "The body is larger than the operation accepts (1 MiB "
                    + "for JSON bodies and images)."}),
            Map.entry("415", new String[]{"UnsupportedMediaType", "The body's Content-Type is not one the operation "
                    + "reads."}),
            Map.entry("422", new String[]{"Unprocessable", "The request is well-formed but cannot be carried out; "
                    + "type ends in a slug naming why (for example idempotency-key-reused). Nothing changed."}),
            Map.entry("429", new String[]{"TooManyRequests", "Too many attempts from this address or on this account; "
                    + "Retry-After gives the seconds to wait. Nothing was checked."}),
            Map.entry("500", new String[]{"InternalError", "An unexpected failure; correlationId is also in the "
                    + "server log. Nothing of the server's internals is shown."})));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema("FieldError", fieldError());
        components.addSchema(PROBLEM, problem());
        RESPONSES.forEach((code, r) -> components.addResponse(r[0], response(code, r[1])));
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(ApiContract::enumReferences);
            components.getSchemas().values().forEach(ApiContract::timeExamples);
        }
        openAPI.setExternalDocs(OASFactory.createExternalDocumentation()
                .description("The public registry of carbon-sink units and retirements, with the transparency figures")
                .url(Settings.publicUrl() + "/registry.xhtml"));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> complete(path, item, operation)));
    }

    /**
     * A text field documented as one of an enumeration ({@code @Schema(implementation = OrderStatus.class)}) gets a
     * {@code $ref} to the enumeration with {@code type: object} beside it, which no value of the enumeration could
     * satisfy; the reference alone is right.
     */
    private static void enumReferences(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            Schema target = property.getItems() != null ? property.getItems() : property;
            if (target.getRef() != null && target.getType() != null
                    && target.getType().equals(List.of(Schema.SchemaType.OBJECT))) {
                target.setType(null);
            }
        }
    }

    /** Every instant's example written as every answer writes instants ({@code shared.Timestamps}). */
    private static void timeExamples(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            if ("date-time".equals(property.getFormat())) {
                property.setExamples(List.of("2026-11-25T08:30:00.000Z"));
            }
        }
    }

    private static void complete(String path, PathItem item, Operation operation) {
        List<String> roles = roles(operation);
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty()
                || item.getParameters() != null && !item.getParameters().isEmpty();
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        Map<String, APIResponse> all = new LinkedHashMap<>(responses.getAPIResponses() == null ? Map.of()
                : responses.getAPIResponses());
        if (body || parameters) {
            all.putIfAbsent("400", ref("400"));
        }
        if (roles != null) {
            all.putIfAbsent("401", ref("401"));
            if (!roles.containsAll(ALL_ROLES)) {
                all.putIfAbsent("403", ref("403"));
            }
        }
        if (path.contains("{")) {
            all.putIfAbsent("404", ref("404"));
        }
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(Conditional.EXTENSION)) {
            // ConditionalReads answers it: an ETag on every 200, 304 to a matching If-None-Match.
            operation.removeExtension(Conditional.EXTENSION);
            all.putIfAbsent("304", ref("304"));
            APIResponse ok = all.get("200");
            if (ok != null && ok.getRef() == null) {
                ok.addHeader("ETag", OASFactory.createHeader().description("The answer's weak tag; send it back "
                        + "in If-None-Match to get 304 while it is unchanged").schema(text("A weak entity tag")));
                ok.addHeader("Cache-Control", OASFactory.createHeader().description("How long the answer may be kept")
                        .schema(text("A Cache-Control value")));
            }
        }
        if (body) {
            all.putIfAbsent("413", ref("413"));
            all.putIfAbsent("415", ref("415"));
        }
        all.putIfAbsent("500", ref("500"));
        APIResponses sorted = OASFactory.createAPIResponses();
        all.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> sorted.addAPIResponse(e.getKey(), e.getValue()));
        operation.setResponses(sorted);
        if (roles != null) {
            // The roles go to x-roles: a bearer scheme has no scopes to list them under, and linters refuse
            // role names in an HTTP scheme's requirement although OpenAPI 3.1 allows them.
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
            operation.addExtension(ROLES, roles);
        }
        String who = roles == null ? "Who may call: anyone, without a token."
                : "Who may call: a bearer token (POST /api/v1/auth/token) of an account with the role "
                + String.join(" or ", roles) + ".";
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? who : description + "\n\n" + who);
    }

    /** The roles of the operation's bearer requirement, or null when it needs no token. */
    static List<String> roles(Operation operation) {
        if (operation.getSecurity() == null) {
            return null;
        }
        for (SecurityRequirement requirement : operation.getSecurity()) {
            if (requirement.hasScheme(BEARER)) {
                List<String> scopes = requirement.getScheme(BEARER);
                return scopes == null || scopes.isEmpty() ? ALL_ROLES : List.copyOf(scopes);
            }
        }
        return null;
    }

    private static APIResponse ref(String code) {
        return OASFactory.createAPIResponse().ref(REF + RESPONSES.get(code)[0]);
    }

    private static APIResponse response(String code, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description);
        if (code.equals("304")) {
            return response;
        }
        response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        if (code.equals("401")) {
            response.addHeader("WWW-Authenticate", header("Bearer", "Bearer"));
        }
        if (code.equals("429")) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)));
        }
        return response;
    }

    private static Header header(String description, String value) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration(value));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A field the request got wrong")
                .addProperty("field", text("The field as the request wrote it, such as trip.distanceKm or "
                        + "visitors[0].name, a query parameter, or body").addExample("quantityKg"))
                .addProperty("message", text("What is wrong, in the request's Accept-Language")
                        .addExample("must be greater than or equal to 1"))
                .required(List.of("field", "message"));
    }

    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, the body of every error (application/problem+json)")
                .addProperty("type", text("An absolute URI ending in a stable slug that clients may switch on")
                        .format("uri").addExample("http://localhost:8080/problems/insufficient-units"))
                .addProperty("title", text("The HTTP status' reason phrase").addExample("Conflict"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code").addExample(409))
                .addProperty("detail", text("What went wrong, written for a person")
                        )
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("For failed validation: each field and what is wrong with it")
                        .items(OASFactory.createSchema().ref("FieldError")))
                .addProperty("correlationId", text("For a 500: the id of the failure in the server log"))
                .required(List.of("type", "title", "status"));
    }
}
