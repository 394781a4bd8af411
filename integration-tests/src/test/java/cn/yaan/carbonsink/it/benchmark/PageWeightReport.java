package cn.yaan.carbonsink.it.benchmark;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.ServerIT;
import cn.yaan.carbonsink.it.SitePages;
import cn.yaan.carbonsink.it.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page-weight and Lighthouse report (README: Page weight and Lighthouse): every page of the site, signed out and
 * signed in as each demo role ({@link SitePages}), measured by Lighthouse on a simulated mid-range phone over slow 4G
 * in Debian's Chromium, and written to docs/PAGES.md with the bytes each page transfers. Lighthouse is run with
 * {@code npx} at a pinned version; nothing of it is part of the product. Figures are recorded, never asserted (they
 * depend on the machine); the report marks each page that misses the targets.
 */
@ServerIT
class PageWeightReport {

    private static final Logger LOG = Logger.getLogger(PageWeightReport.class.getName());
    private static final String LIGHTHOUSE = System.getProperty("lighthouse.version", "12.2.3");
    private static final String CHROMIUM = System.getProperty("lighthouse.chromium", "/usr/bin/chromium");
    private static final double PERFORMANCE_TARGET = 0.90;
    private static final double ACCESSIBILITY_TARGET = 0.95;
    private static final List<String> AUDIENCES = List.of("", "citizen", "court", "officer", "gate", "admin");

    record Row(String audience, String path, double performance, double accessibility, double lcpMillis,
               double tbtMillis, double cls, Map<String, Long> bytes, long requests, List<String> failedAudits,
               double benchmarkIndex) {

        boolean meetsTargets() {
            return performance >= PERFORMANCE_TARGET && accessibility >= ACCESSIBILITY_TARGET;
        }
    }

    private final Api api = Api.server();

    @Test
    void measureEveryPageAndRecord() throws Exception {
        Map<String, List<String>> pages = SitePages.byAudience(api);
        assertThat(pages.keySet()).containsExactlyInAnyOrderElementsOf(AUDIENCES);
        Path work = Files.createTempDirectory("lighthouse");
        List<Row> rows = new ArrayList<>();
        for (String audience : AUDIENCES) {
            String cookie = audience.isEmpty() ? null
                    : WebSession.login(api, audience, Api.DEMO_PASSWORD).cookie();
            for (String path : pages.get(audience)) {
                Row row = measure(work, audience, path, cookie);
                LOG.info(String.format(Locale.ROOT, "%s %s: performance %.0f, accessibility %.0f, %d bytes",
                        audience.isEmpty() ? "public" : audience, path, row.performance() * 100,
                        row.accessibility() * 100, row.bytes().get("total")));
                rows.add(row);
            }
        }
        write(rows);
    }

    private Row measure(Path work, String audience, String path, String cookie) throws Exception {
        // Once before measuring: the first request of a page compiles its Facelets, which a phone's visitor never
        // waits for on a running server, and Lighthouse counts the server's answer time.
        HttpRequest.Builder warmUp = api.request(path).GET();
        if (cookie != null) {
            warmUp.header("Cookie", cookie);
        }
        assertThat(api.send(warmUp).status()).as(path).isEqualTo(200);
        Path report = work.resolve("report.json");
        Files.deleteIfExists(report);
        List<String> command = new ArrayList<>(List.of("npx", "-y", "lighthouse@" + LIGHTHOUSE, api.baseUrl() + path,
                "--chrome-path=" + CHROMIUM,
                "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --lang=zh-CN",
                "--form-factor=mobile", "--throttling-method=simulate",
                "--only-categories=performance,accessibility", "--output=json", "--output-path=" + report,
                "--quiet"));
        if (cookie != null) {
            Path headers = work.resolve("headers.json");
            Files.writeString(headers, Json.createObjectBuilder().add("Cookie", cookie).build().toString());
            command.add("--extra-headers=" + headers);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("lighthouse.log").toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("Lighthouse finished on " + path).isTrue();
        assertThat(process.exitValue()).as(path + ": " + Files.readString(work.resolve("lighthouse.log"))).isZero();
        JsonObject result;
        try (InputStream in = Files.newInputStream(report); JsonReader reader = Json.createReader(in)) {
            result = reader.readObject();
        }
        assertThat(result.getString("finalDisplayedUrl")).as("Lighthouse measured the page itself, not the login page")
                .endsWith(path);
        JsonObject categories = result.getJsonObject("categories");
        JsonObject audits = result.getJsonObject("audits");
        Map<String, Long> bytes = new HashMap<>();
        long requests = 0;
        for (JsonValue item : audits.getJsonObject("resource-summary").getJsonObject("details").getJsonArray("items")) {
            JsonObject resource = item.asJsonObject();
            bytes.put(resource.getString("resourceType"), resource.getJsonNumber("transferSize").longValue());
            if ("total".equals(resource.getString("resourceType"))) {
                requests = resource.getJsonNumber("requestCount").longValue();
            }
        }
        List<String> failed = categories.getJsonObject("accessibility").getJsonArray("auditRefs").stream()
                .map(ref -> audits.getJsonObject(ref.asJsonObject().getString("id")))
                .filter(audit -> "binary".equals(audit.getString("scoreDisplayMode")) && audit.getJsonNumber("score") != null
                        && audit.getJsonNumber("score").doubleValue() < 1)
                .map(audit -> audit.getString("id")).toList();
        return new Row(audience, path, categories.getJsonObject("performance").getJsonNumber("score").doubleValue(),
                categories.getJsonObject("accessibility").getJsonNumber("score").doubleValue(),
                numeric(audits, "largest-contentful-paint"), numeric(audits, "total-blocking-time"),
                numeric(audits, "cumulative-layout-shift"), bytes, requests, failed,
                result.getJsonObject("environment").getJsonNumber("benchmarkIndex").doubleValue());
    }

    private static double numeric(JsonObject audits, String id) {
        return audits.getJsonObject(id).getJsonNumber("numericValue").doubleValue();
    }

    private void write(List<Row> rows) throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder("# Page weight and Lighthouse\n\n")
                .append("Written by `PageWeightReport`; do not edit by hand. Re-run with the command in README (Page ")
                .append("weight and Lighthouse).\n\n")
                .append("- Date: ").append(Instant.now()).append('\n')
                .append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(cpu()).append("), ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append('\n')
                .append("- Lighthouse ").append(LIGHTHOUSE).append(" (npx), ").append(command(CHROMIUM, "--version"))
                .append(" (headless); mobile preset: a mid-range phone's screen, slow 4G (150 ms round trip, 1.6 Mbit/s ")
                .append("down) and a 4x slower CPU, simulated; Chinese (`--lang=zh-CN`), the site's default language\n")
                .append("- Server: the configuration of the integration suite (WildFly, H2, demo data), on the same ")
                .append("machine; each page requested once first (its Facelets compiled), then measured once with an ")
                .append("empty browser cache, signed in with a session cookie where its audience is a role\n")
                .append(String.format(Locale.ROOT, "- Targets: performance at least %.0f and accessibility at least %.0f ",
                        PERFORMANCE_TARGET * 100, ACCESSIBILITY_TARGET * 100))
                .append("on every page: ").append(rows.stream().filter(Row::meetsTargets).count()).append(" of ")
                .append(rows.size()).append(" pages meet them\n\n")
                .append("Bytes are as transferred (compressed), in KiB: the page's HTML, its scripts, styles and images, ")
                .append("and everything it loaded. LCP: largest contentful paint; TBT: total blocking time; CLS: ")
                .append("cumulative layout shift. Host: Lighthouse's benchmark index of this machine at that moment ")
                .append("(a desktop computer scores 1,000 to 2,000; the 4x CPU slowdown is applied on top of it, so on a ")
                .append("slower or busier host the simulated phone is slower than the preset's and the scores lower).\n\n")
                .append("| audience | page | performance | accessibility | LCP s | TBT ms | CLS | HTML | scripts | styles ")
                .append("| images | total | requests | host |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %s | %.1f | %.0f | %.3f | %s | %s | %s | %s | %s | %d | %.0f |%n",
                    row.audience().isEmpty() ? "public" : row.audience(), row.path(),
                    score(row.performance(), PERFORMANCE_TARGET), score(row.accessibility(), ACCESSIBILITY_TARGET),
                    row.lcpMillis() / 1000, row.tbtMillis(), row.cls(), kib(row, "document"), kib(row, "script"),
                    kib(row, "stylesheet"), kib(row, "image"), kib(row, "total"), row.requests(), row.benchmarkIndex()));
        }
        List<Row> failing = rows.stream().filter(row -> !row.failedAudits().isEmpty()).toList();
        if (!failing.isEmpty()) {
            md.append("\nAccessibility audits that failed:\n\n");
            failing.forEach(row -> md.append("- ").append(row.audience().isEmpty() ? "public" : row.audience())
                    .append(" `").append(row.path()).append("`: ").append(String.join(", ", row.failedAudits()))
                    .append('\n'));
        }
        Path file = Path.of(System.getProperty("lighthouse.output", "../docs/PAGES.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
        LOG.info("Wrote " + file.toAbsolutePath().normalize() + "\n" + md);
    }

    /** A score out of 100, in bold when it misses its target. */
    private static String score(double score, double target) {
        String figure = String.format(Locale.ROOT, "%.0f", score * 100);
        return score >= target ? figure : "**" + figure + "** (below " + Math.round(target * 100) + ")";
    }

    private static String kib(Row row, String type) {
        return String.format(Locale.ROOT, "%.1f", row.bytes().getOrDefault(type, 0L) / 1024.0);
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        // Debian's wrapper script may print a shell warning before the version line.
        return output.lines().filter(line -> line.contains("Chromium")).findFirst().orElse(output);
    }
}
