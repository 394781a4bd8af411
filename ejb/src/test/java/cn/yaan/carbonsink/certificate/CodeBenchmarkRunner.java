package cn.yaan.carbonsink.certificate;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link CodeBenchmarks} with JMH (one forked JVM, 3 x 1 s warm-up, 5 x 1 s measured, throughput) and writes
 * the figures to {@code target/jmh.md}, which the server benchmark copies into docs/BENCHMARKS.md. Only run with
 * {@code -Pbenchmark} (its name matches no default test pattern).
 */
class CodeBenchmarkRunner {

    @Test
    void measure() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CodeBenchmarks.class.getName() + ".*")
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .threads(1).build()).run();
        assertThat(results).hasSize((int) Arrays.stream(CodeBenchmarks.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class)).count());
        StringBuilder md = new StringBuilder();
        md.append("| code (one thread, in process) | operations/s | ± (99.9%) |\n|---|---:|---:|\n");
        results.stream().sorted(Comparator.comparing(r -> r.getParams().getBenchmark())).forEach(r -> {
            var score = r.getPrimaryResult();
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n",
                    r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1),
                    score.getScore(), score.getScoreError()));
        });
        Files.writeString(Path.of("target/jmh.md"), md.toString());
    }
}
