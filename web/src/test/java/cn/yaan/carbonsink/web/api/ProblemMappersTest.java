package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.json.JsonObject;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failures become RFC 9457 answers: each kind of business refusal its status and headers, field errors listed,
 * an unexpected failure a 500 with a correlation id and nothing of the server's internals, unreadable bodies 400.
 */
class ProblemMappersTest {

    /** What a failing service would throw, one endpoint per case. */
    @Path("fail")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public static class Failing {

        @GET
        @Path("kind/{kind}")
        public String kind(@PathParam("kind") BusinessException.Kind kind) {
            throw new BusinessException(kind, "some-slug", "A message a person can act on.");
        }

        @GET
        @Path("fields")
        public String fields() {
            throw BusinessException.invalid(List.of(new FieldError("visitors[0].idNumber", "The check character does not match."),
                    new FieldError("trip.nights", "A trip of 1 days on site has at most 1 nights of lodging.")));
        }

        @GET
        @Path("throttled")
        public String throttled() {
            throw BusinessException.tooManyRequests("Too many failed logins; wait a minute.", 42);
        }

        @GET
        @Path("internal")
        public String internal() {
            throw new IllegalStateException("Connection to db-internal.example:5432 refused for user carbonsink_rw");
        }

        @GET
        @Path("wrapped")
        public String wrapped() {
            throw new EJBException(BusinessException.conflict("insufficient-units", "Not enough units: 5 kg asked."));
        }

        @GET
        @Path("concurrent")
        public String concurrent() {
            throw new EJBException(new OptimisticLockException("Row was updated or deleted by another transaction"));
        }

        public record Body(String name, Long quantityKg) {
        }

        @POST
        @Path("body")
        @Consumes(MediaType.APPLICATION_JSON)
        public String body(Body body) {
            return "read " + body.name();
        }
    }

    private final InMemoryApi api = new InMemoryApi(Failing.class);
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(ProblemMappers.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        log.removeHandler(capture);
    }

    @ParameterizedTest
    @CsvSource({"INVALID, 400, Bad Request", "UNAUTHENTICATED, 401, Unauthorized", "FORBIDDEN, 403, Forbidden",
            "NOT_FOUND, 404, Not Found", "CONFLICT, 409, Conflict", "UNPROCESSABLE, 422, Unprocessable Content",
            "TOO_MANY_REQUESTS, 429, Too Many Requests"})
    void eachKindOfRefusalHasItsStatus(BusinessException.Kind kind, int status, String title) {
        InMemoryApi.Reply reply = api.get("/fail/kind/" + kind);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        JsonObject problem = reply.problem();
        assertThat(problem.getString("type")).isEqualTo("http://localhost:8080/problems/some-slug");
        assertThat(problem.getString("title")).isEqualTo(title);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isEqualTo("A message a person can act on.");
        assertThat(problem.containsKey("errors")).as("no field errors, no errors member").isFalse();
        assertThat(reply.header("WWW-Authenticate")).isEqualTo(status == 401 ? "Bearer" : null);
    }

    @Test
    void everyInvalidFieldIsListedInTheOrderGiven() {
        JsonObject problem = api.get("/fail/fields").problem(400, "validation");
        assertThat(problem.getString("detail")).isEqualTo("The request has 2 invalid fields.");
        assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field") + ": " + e.getString("message"))
                .containsExactly("visitors[0].idNumber: The check character does not match.",
                        "trip.nights: A trip of 1 days on site has at most 1 nights of lodging.");
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        InMemoryApi.Reply reply = api.get("/fail/throttled");
        reply.problem(429, "too-many-requests");
        assertThat(reply.header("Retry-After")).isEqualTo("42");
    }

    @Test
    void anUnexpectedFailureIs500WithACorrelationIdAndNoInternals() {
        InMemoryApi.Reply reply = api.get("/fail/internal");
        JsonObject problem = reply.problem(500, "internal-error");
        String id = problem.getString("correlationId");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(reply.body()).doesNotContain("db-internal", "carbonsink_rw", "IllegalStateException", "Failing",
                "at cn.yaan");
        assertThat(logged).as("the log has the failure under the same id, for support")
                .anySatisfy(r -> {
                    assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                    assertThat(r.getMessage()).contains(id);
                    assertThat(r.getThrown()).hasMessageContaining("db-internal");
                });
    }

    @Test
    void aRefusalWrappedByTheContainerIsStillTheRefusal() {
        assertThat(api.get("/fail/wrapped").problem(409, "insufficient-units").getString("detail"))
                .isEqualTo("Not enough units: 5 kg asked.");
    }

    @Test
    void aConcurrentChangeIs409TryAgain() {
        InMemoryApi.Reply reply = api.get("/fail/concurrent");
        reply.problem(409, "concurrent-change");
        assertThat(reply.body()).doesNotContain("another transaction");
    }

    @Test
    void aReadableBodyIsRead() {
        InMemoryApi.Reply reply = api.send(InMemoryApi.postJson("/fail/body", "{\"name\":\"杉木\",\"quantityKg\":3}"));
        assertThat(reply.body()).as(reply.toString()).isEqualTo("read 杉木");
    }

    @Test
    void malformedJsonIs400WithWhereTheSyntaxBreaks() {
        JsonObject problem = malformed("{\"name\": \"杉木\",\n \"quantityKg\": }");
        assertThat(problem.getString("detail")).startsWith("The request body is not valid JSON for this endpoint")
                .contains("syntax error at line 2");
    }

    @Test
    void anUnknownFieldOrAWrongTypeIs400() {
        assertThat(malformed("{\"name\":\"a\",\"quantitykg\":3}").getString("detail"))
                .as("a typo is caught, not dropped").contains("a field is unknown or has the wrong type");
        assertThat(malformed("{\"name\":\"a\",\"quantityKg\":\"many\"}").getString("detail"))
                .contains("a field is unknown or has the wrong type");
        assertThat(malformed("[1, 2]").getString("detail")).startsWith("The request body is not valid JSON");
    }

    private JsonObject malformed(String json) {
        JsonObject problem = api.send(InMemoryApi.postJson("/fail/body", json)).problem(400, "malformed-request");
        assertThat(problem.getString("title")).isEqualTo("Bad Request");
        return problem;
    }

    @Test
    void aBodyOverOneMebibyteIs413WhetherItsLengthIsDeclaredOrNot() {
        byte[] big = ("{\"name\":\"" + "x".repeat(RequestBodyLimit.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        MockHttpRequest declared = InMemoryApi.request("POST", "/fail/body").contentType(MediaType.APPLICATION_JSON)
                .header("Content-Length", Integer.toString(big.length)).content(big);
        MockHttpRequest streamed = InMemoryApi.request("POST", "/fail/body").contentType(MediaType.APPLICATION_JSON)
                .content(big);
        for (MockHttpRequest request : List.of(declared, streamed)) {
            api.send(request).problem(413, "payload-too-large");
        }
    }

    @Test
    void errorsOfJaxRsItselfAreProblemsToo() {
        api.get("/fail/nowhere").problem(404, "not-found");

        InMemoryApi.Reply wrongMethod = api.send(InMemoryApi.request("DELETE", "/fail/fields"));
        wrongMethod.problem(405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET");

        api.send(InMemoryApi.request("POST", "/fail/body").contentType(MediaType.TEXT_PLAIN)
                .content("name=a".getBytes(StandardCharsets.UTF_8))).problem(415, "unsupported-media-type");
    }
}
