package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What anonymous requests leave in the server's log: a forged or expired view state gets the friendly expired page
 * (400, with a way back to the page and its parameters) and at most one short line, no stack trace; and viewing the
 * pages logs no Faces warning.
 */
@ServerIT
class ServerLogIT {

    private final Api api = Api.server();

    static Path log() {
        return Path.of(System.getProperty("it.server.home"), "standalone", "log", "server.log");
    }

    /**
     * What the server logged since {@code from} (a length of the log). The log handler starts a new file at
     * midnight: when the log is shorter than {@code from}, the rest of the day's file comes first.
     */
    static String loggedSince(long from) throws IOException {
        if (Files.size(log()) >= from) {
            return tail(log(), from);
        }
        try (java.util.stream.Stream<Path> files = Files.list(log().getParent())) {
            Path day = files.filter(f -> f.getFileName().toString().startsWith("server.log.")).sorted()
                    .reduce((first, second) -> second).orElseThrow();
            return tail(day, from) + tail(log(), 0);
        }
    }

    private static String tail(Path log, long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] added = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(Math.min(from, file.length()));
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        }
    }

    private Api.Reply post(String path, String form, Map<String, String> headers) {
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::header);
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void forgedAndExpiredViewStatesGetTheExpiredPageAndNoStackTrace() throws Exception {
        long before = Files.size(log());
        List<String> forged = List.of("-1234567890:987654321", "garbage", "", "1:2:3", "A".repeat(3000));
        for (String state : forged) {
            Api.Reply reply = post("/login.xhtml", WebSession.form(Map.of("login", "login", "login:username", "admin",
                    "login:password", Api.DEMO_PASSWORD, "jakarta.faces.ViewState", state)), Map.of());
            assertThat(reply.status()).as("view state '" + state + "'").isEqualTo(400);
            assertThat(reply.body()).contains("id=\"error-expired\"", "页面已过期").doesNotContain("nav:logout");
        }

        // A real view of a page with parameters, whose session is gone (as after 30 idle minutes): the answer leads
        // back to the same page with the same parameters.
        String page = "/registry.xhtml?serial=YA-0";
        Api.Reply opened = api.get(page);
        String state = WebSession.first(java.util.regex.Pattern.compile(
                "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\""), opened.body());
        Api.Reply expired = post("/registry.xhtml", WebSession.form(Map.of("jakarta.faces.ViewState", state)),
                Map.of("Referer", api.baseUrl() + page, "Cookie", "JSESSIONID=long-gone"));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body()).contains("id=\"expired-back\" href=\"" + page + "\"");
        Api.Reply elsewhere = post("/registry.xhtml", WebSession.form(Map.of("jakarta.faces.ViewState", state)),
                Map.of("Referer", "https://elsewhere.example/registry.xhtml?serial=x"));
        assertThat(elsewhere.body()).as("never a link to another site").contains("id=\"expired-back\" href=\"/registry.xhtml\"");

        // An Ajax request of such a page is sent back to it.
        Api.Reply ajax = post("/visit.xhtml", WebSession.form(Map.of("jakarta.faces.ViewState", "forged",
                "jakarta.faces.partial.ajax", "true")), Map.of("Faces-Request", "partial/ajax",
                "Referer", api.baseUrl() + "/visit.xhtml?site=SITE-BFX"));
        assertThat(ajax.body()).contains("<redirect url=\"/visit.xhtml?site=SITE-BFX\"");

        String logged = loggedSince(before);
        assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("ERROR")
                .doesNotContain("SEVERE");
        assertThat(logged.lines().filter(l -> l.contains("view state is unknown")).count()).isEqualTo(forged.size() + 3);
        assertThat(logged.lines().mapToInt(String::length).max().orElse(0)).as("short lines").isLessThan(300);
    }

    @Test
    void viewingEveryPageLogsNoFacesWarning() throws Exception {
        SitePages.byAudience(api).forEach((username, paths) -> {
            WebSession session = username.isEmpty() ? null : WebSession.login(api, username, Api.DEMO_PASSWORD);
            paths.forEach(path -> assertThat((session == null ? api.get(path) : session.get(path)).status())
                    .as(path).isEqualTo(200));
        });
        // Faces warns once per page it compiles, whoever asked first: the whole log since the server started.
        assertThat(Files.readString(log(), StandardCharsets.UTF_8)).doesNotContain("JSF1103");
    }

    @Test
    void everyRequestReachesTheAccessLogAndNoExampleDatasourceIsLeft() throws Exception {
        String probe = java.util.UUID.randomUUID().toString();
        assertThat(api.get("/api/v1/health/live?probe=" + probe).status()).isEqualTo(200);
        Path access = log().resolveSibling("access.log");
        String line = "";
        for (int i = 0; i < 100 && line.isEmpty(); i++) {
            line = Files.exists(access) ? Files.readAllLines(access, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(probe)).findFirst().orElse("") : "";
            if (line.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertThat(line).as("the access log's line of the request").startsWith("127.0.0.1 ")
                .contains("\"GET /api/v1/health/live?probe=" + probe + " HTTP/").contains("\" 200 ");
        assertThat(Files.readString(log().getParent().resolveSibling("configuration").resolve("standalone.xml")))
                .doesNotContain("ExampleDS");
    }

    @Test
    void refusedSignInsReachTheSecurityLogWithoutTheUsername() throws Exception {
        long before = Files.size(log());
        String phoneAsUsername = "139" + String.format("%08d", new java.util.Random().nextInt(100_000_000));
        Api.Reply refused = api.postJson("/api/v1/auth/token",
                "{\"username\":\"" + phoneAsUsername + "\",\"password\":\"Wrong4Sure\"}");
        assertThat(refused.status()).isEqualTo(401);
        String logged = loggedSince(before);
        assertThat(logged).contains("[cn.yaan.carbonsink.security]").contains("sign-in refused (no such account)")
                .doesNotContain(phoneAsUsername).doesNotContain("Wrong4Sure");
    }
}
