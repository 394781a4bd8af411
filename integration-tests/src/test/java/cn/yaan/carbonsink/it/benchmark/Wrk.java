package cn.yaan.carbonsink.it.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives load with Debian's {@code wrk} (C, event loop): it needs far less CPU per request than a Java client, so on
 * a machine whose cores the server shares it measures the server, not the load generator. One Lua script per
 * scenario makes each request: {@code {n}} in the path becomes a running number (1 to 100000, 10 digits) and
 * {@code {uuid}} in a header a value unique to the request, {@code {n8}} in the body the running number modulo 8.
 */
final class Wrk {

    static final Path BINARY = Path.of("/usr/bin/wrk");

    private Wrk() {
    }

    static boolean available() {
        return Files.isExecutable(BINARY) && !"java".equals(System.getProperty("bench.generator"));
    }

    static LoadGenerator.Result run(String baseUrl, int connections, Duration warmUp, Duration measure,
                                    ServerBenchmark.Scenario scenario) throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            Files.writeString(script, lua(scenario), StandardCharsets.UTF_8);
            wrk(baseUrl, connections, warmUp, script);
            String out = wrk(baseUrl, connections, measure, script);
            long requests = Long.parseLong(find(out, "(\\d+) requests in"));
            // A scenario that expects refusals (409 at a gate that already admitted the ticket) counts answers of
            // any other status itself; others count wrk's non-2xx/3xx answers.
            long errors = scenario.expected().isEmpty() ? Long.parseLong(find(out, "Non-2xx or 3xx responses: (\\d+)", "0"))
                    : Long.parseLong(find(out, "Unexpected statuses: (\\d+)"));
            if (errors > 0) {
                java.util.logging.Logger.getLogger(Wrk.class.getName()).warning("wrk for " + scenario.path() + ":\n" + out);
            }
            Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
            if (socket.find()) {
                for (int i = 1; i <= 4; i++) {
                    errors += Long.parseLong(socket.group(i));
                }
            }
            return new LoadGenerator.Result(connections, requests, errors, measure.toSeconds(),
                    Double.parseDouble(find(out, "Requests/sec:\\s+([\\d.]+)")), millis(out, "50%"), millis(out, "99%"));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String wrk(String baseUrl, int connections, Duration duration, Path script)
            throws IOException, InterruptedException {
        int threads = Math.min(connections, Runtime.getRuntime().availableProcessors());
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "30s", "--latency", "-s", script.toString(), baseUrl))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    /** Lua long strings ([==[ ... ]==]) carry bodies and headers as they are, quotes and Chinese included. */
    static String lua(ServerBenchmark.Scenario s) {
        String headers = s.headers().entrySet().stream()
                .map(h -> "[ [==[" + h.getKey() + "]==] ] = [==[" + h.getValue() + "]==]").collect(Collectors.joining(", "));
        String check = s.expected().isEmpty() ? "" : "unexpected = 0\nlast = 0\n"
                + "local threads = {}\n"
                + "function setup(thread) table.insert(threads, thread) end\n"
                + "response = function(status, headers, body)\n"
                + "  if " + s.expected().stream().map(e -> "status ~= " + e).collect(Collectors.joining(" and ")) + " then\n"
                + "    unexpected = unexpected + 1\n"
                + "    last = status\n"
                + "  end\n"
                + "end\n"
                + "function done(summary, latency, requests)\n"
                + "  local total = 0\n"
                + "  local last = 0\n"
                + "  for _, t in ipairs(threads) do\n"
                + "    total = total + t:get(\"unexpected\")\n"
                + "    if t:get(\"last\") ~= 0 then last = t:get(\"last\") end\n"
                + "  end\n"
                + "  io.write(\"Unexpected statuses: \" .. total .. \" (last: \" .. last .. \")\\n\")\n"
                + "end\n";
        return check + "local counter = 0\n"
                + "local prefix = string.sub(tostring({}), 8)\n"
                + "local headers = { " + headers + " }\n"
                + "request = function()\n"
                + "  counter = counter + 1\n"
                + "  local path = string.gsub([==[" + s.path() + "]==], \"{n}\", string.format(\"%010d\", counter % 100000 + 1))\n"
                + "  local h = {}\n"
                + "  for k, v in pairs(headers) do h[k] = (string.gsub(v, \"{uuid}\", prefix .. \"-\" .. counter)) end\n"
                + "  return wrk.format([==[" + s.method() + "]==], path, h, " + (s.body() == null ? "nil"
                        : "(string.gsub([==[" + s.body() + "]==], \"{n8}\", tostring(counter % 8)))") + ")\n"
                + "end\n";
    }

    private static String find(String out, String regex) {
        return find(out, regex, null);
    }

    private static String find(String out, String regex, String otherwise) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (m.find()) {
            return m.group(1);
        }
        if (otherwise == null) {
            throw new IllegalStateException("No " + regex + " in wrk's output:\n" + out);
        }
        return otherwise;
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
