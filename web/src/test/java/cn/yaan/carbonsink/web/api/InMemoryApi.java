package cn.yaan.carbonsink.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own REST providers (access control, problem mapping, JSON-B configuration, body limit) in
 * RESTEasy's in-memory dispatcher, the JAX-RS implementation WildFly runs, with test resources instead of the real
 * ones, whose services need the container. Requests go through the same filter and mapper chain as on the server.
 */
final class InMemoryApi {

    private final Dispatcher dispatcher = MockDispatcherFactory.createDispatcher();

    InMemoryApi(Class<?>... resources) {
        for (Class<?> provider : new Class<?>[]{AccessControl.class, JsonbConfiguration.class, RequestBodyLimit.class,
                ProblemMappers.BusinessMapper.class, ProblemMappers.ValidationMapper.class,
                ProblemMappers.WebApplicationMapper.class, ProblemMappers.ProcessingMapper.class,
                ProblemMappers.JsonbMapper.class, ProblemMappers.UnexpectedMapper.class}) {
            dispatcher.getProviderFactory().register(provider);
        }
        for (Class<?> resource : resources) {
            dispatcher.getRegistry().addPerRequestResource(resource);
        }
        anonymous();
    }

    /** Requests from now on come from nobody, as before a login. */
    InMemoryApi anonymous() {
        return caller(null, Set.of());
    }

    /** Requests from now on come from this user with these roles, as the authentication mechanism would say. */
    InMemoryApi as(String username, String... roles) {
        return caller(() -> username, Set.of(roles));
    }

    private InMemoryApi caller(Principal principal, Set<String> roles) {
        dispatcher.getDefaultContextObjects().put(SecurityContext.class, new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return principal == null ? null : "Bearer";
            }
        });
        return this;
    }

    Reply get(String path) {
        return send(request("GET", path));
    }

    Reply send(MockHttpRequest request) {
        MockHttpResponse response = new MockHttpResponse();
        dispatcher.invoke(request, response);
        return new Reply(response);
    }

    static MockHttpRequest request(String method, String path) {
        try {
            return MockHttpRequest.create(method, path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    static MockHttpRequest postJson(String path, String json) {
        return request("POST", path).contentType(MediaType.APPLICATION_JSON).content(json.getBytes(StandardCharsets.UTF_8));
    }

    record Reply(MockHttpResponse response) {

        int status() {
            return response.getStatus();
        }

        String header(String name) {
            Object value = response.getOutputHeaders().getFirst(name);
            return value == null ? null : value.toString();
        }

        String contentType() {
            return header(HttpHeaders.CONTENT_TYPE);
        }

        String body() {
            return new String(response.getOutput(), StandardCharsets.UTF_8);
        }

        /** The body as a problem document, after checking that it is one. */
        JsonObject problem() {
            if (contentType() == null || !contentType().startsWith(Problem.MEDIA_TYPE)) {
                throw new AssertionError("Not a problem document (" + status() + ", " + contentType() + "): " + body());
            }
            return Json.createReader(new StringReader(body())).readObject();
        }

        /** The body as a problem document, after checking its status and the slug its type ends in. */
        JsonObject problem(int status, String slug) {
            assertThat(status()).as(toString()).isEqualTo(status);
            JsonObject problem = problem();
            assertThat(problem.getString("type")).endsWith("/problems/" + slug);
            assertThat(problem.getInt("status")).isEqualTo(status);
            return problem;
        }

        @Override
        public String toString() {
            return status() + " " + contentType() + " " + body();
        }
    }
}
