package cn.yaan.carbonsink.it.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load generator: a fixed number of connections, each a thread sending its next request as soon
 * as the previous answer arrived, first for a warm-up period (not measured), then for the measured period.
 * Latencies are kept in full (no sampling), so p50 and p99 are exact for the run.
 */
public final class LoadGenerator {

    /** Figures of one measured period. */
    public record Result(int connections, long requests, long errors, double seconds, double perSecond,
                         double p50Millis, double p99Millis) {
    }

    private LoadGenerator() {
    }

    /**
     * @param requests makes the n-th request of a worker (n counts per worker); answers >= 400 count as errors
     *                 unless {@code acceptable} says otherwise
     */
    public static Result run(int connections, Duration warmUp, Duration measure, IntFunction<HttpRequest> requests,
                             java.util.function.IntPredicate acceptable) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[connections];
        long[] errors = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            long[] mine = new long[1 << 20];
            latencies.add(mine);
            int worker = w;
            Thread thread = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                int n = 0;
                try {
                    while (!stop.get()) {
                        HttpRequest request = requests.apply(worker * 1_000_000 + n++);
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (java.io.IOException e) {
                            status = 599;
                        }
                        long elapsed = System.nanoTime() - start;
                        if (measuring.get() && !stop.get()) {
                            int i = (int) counts[worker]++;
                            if (i < mine.length) {
                                mine[i] = elapsed;
                            }
                            if (!acceptable.test(status)) {
                                errors[worker]++;
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        Thread.sleep(warmUp.toMillis());
        long start = System.nanoTime();
        measuring.set(true);
        Thread.sleep(measure.toMillis());
        stop.set(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        done.await();
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        int k = 0;
        for (int w = 0; w < connections; w++) {
            int n = (int) Math.min(counts[w], latencies.get(w).length);
            System.arraycopy(latencies.get(w), 0, all, k, n);
            k += n;
        }
        all = Arrays.copyOf(all, k);
        Arrays.sort(all);
        return new Result(connections, total, Arrays.stream(errors).sum(), seconds, total / seconds,
                percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
