package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A small HTTP client for the tests: real requests to the running server, answers read as text or JSON. */
public final class Api {

    public static final String DEMO_PASSWORD = "Demo#2026";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final HttpClient client;
    private final String baseUrl;

    public Api(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder());
    }

    /** An HTTPS client that trusts the server certificates {@code ssl} trusts. */
    public Api(String baseUrl, SSLContext ssl) {
        this(baseUrl, HttpClient.newBuilder().sslContext(ssl));
    }

    private Api(String baseUrl, HttpClient.Builder client) {
        this.baseUrl = baseUrl;
        this.client = client.connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The suite's server (started by Arquillian). */
    public static Api server() {
        return new Api(System.getProperty("it.base-url"));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply get(String path, String token) {
        return send(authorized(request(path).GET(), token));
    }

    public Reply postJson(String path, String json) {
        return postJson(path, json, null);
    }

    public Reply postJson(String path, String json, String token) {
        return send(authorized(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), token));
    }

    public Reply putJson(String path, String json, String token) {
        return send(authorized(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), token));
    }

    /** Moves the test server's clock to system time + offset (ISO-8601 duration); PT0S puts it back. */
    public void moveClock(String offset) {
        // A fresh token: one issued before the clock moved may look expired after it.
        Reply reply = putJson("/api/v1/admin/clock", "{\"offset\":\"" + offset + "\"}", login("admin", DEMO_PASSWORD));
        if (reply.status() != 200) {
            throw new AssertionError("Cannot move the clock: " + reply);
        }
    }

    public static HttpRequest.Builder authorizedRequest(HttpRequest.Builder request, String token) {
        return authorized(request, token);
    }

    static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** A bearer token for a demo account, fetched once per test JVM and server. */
    public String token(String username) {
        return TOKENS.computeIfAbsent(baseUrl + "|" + username, k -> login(username, DEMO_PASSWORD));
    }

    public String login(String username, String password) {
        Reply reply = postJson("/api/v1/auth/token", Json.createObjectBuilder()
                .add("username", username).add("password", password).build().toString());
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json().getString("token");
    }

    /** An HTTP answer. */
    public record Reply(HttpResponse<byte[]> response) {
        public int status() {
            return response.statusCode();
        }

        public String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return response.body();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body())).readObject();
        }

        public JsonArray jsonArray() {
            return Json.createReader(new StringReader(body())).readArray();
        }

        public JsonValue jsonValue() {
            return Json.createReader(new StringReader(body())).readValue();
        }

        @Override
        public String toString() {
            String text = body();
            return status() + " " + contentType() + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }
}
