package cn.yaan.carbonsink.it;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's session without a browser: signs in through the login page's form, as a person does, and then sends
 * requests with the session cookie only (no bearer token), the way the site's own pages and scripts do.
 */
public final class WebSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\"");

    private final Api api;
    private final String cookie;
    private final String csrfToken;

    private WebSession(Api api, String cookie, String csrfToken) {
        this.api = api;
        this.cookie = cookie;
        this.csrfToken = csrfToken;
    }

    public static WebSession login(Api api, String username, String password) {
        Api.Reply page = api.get("/login.xhtml");
        String cookie = sessionCookie(page);
        Map<String, String> fields = new HashMap<>(Map.of("login", "login", "login:username", username,
                "login:password", password, "login:submit", "", "jakarta.faces.ViewState", first(VIEW_STATE, page.body())));
        // What PrimeFaces' script adds to every form of a page under its Content-Security-Policy.
        Matcher nonce = NONCE.matcher(page.body());
        if (nonce.find()) {
            fields.put("primefaces.nonce", nonce.group(1));
        }
        String form = form(fields);
        Api.Reply posted = api.send(api.request("/login.xhtml").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(posted.status()).as("login of " + username + ": " + posted).isEqualTo(302);
        // A new session id is issued at login.
        String signedIn = sessionCookie(posted);
        Matcher csrf = CSRF.matcher(api.send(api.request("/").header("Cookie", signedIn).GET()).body());
        return new WebSession(api, signedIn, csrf.find() ? csrf.group(1) : null);
    }

    public String cookie() {
        return cookie;
    }

    /** The token the pages hand to their scripts; null if the page has none. */
    public String csrfToken() {
        return csrfToken;
    }

    /** A request with the session cookie and nothing else. */
    public HttpRequest.Builder request(String path) {
        return api.request(path).header("Cookie", cookie);
    }

    public Api.Reply get(String path) {
        return api.send(request(path).GET());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in the page").isTrue();
        return m.group(1);
    }

    static String sessionCookie(Api.Reply reply) {
        return reply.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + reply));
    }
}
