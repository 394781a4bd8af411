package cn.yaan.carbonsink.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A second copy of the configured server (target/server-restart, the real EAR in its deployments folder) that a
 * test can start, stop gracefully, or kill with SIGKILL, to prove what survives a restart or a crash. On PostgreSQL
 * it shares the suite's schema, as a second node would.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path home;
    private final int portOffset;
    private final Path pidFile;
    private Process launcher;

    public ServerProcess(int portOffset) {
        this.home = Path.of(System.getProperty("it.restart.home"));
        this.portOffset = portOffset;
        this.pidFile = home.resolve("standalone/tmp/server.pid");
    }

    public Api api() {
        return new Api("http://localhost:" + (8080 + portOffset));
    }

    public Path home() {
        return home;
    }

    /** Starts the server and waits until the application answers (deployment done). */
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(pidFile.getParent());
        Files.deleteIfExists(pidFile);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "bin/standalone.sh", "-c", "standalone.xml",
                "-Djboss.socket.binding.port-offset=" + portOffset))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("standalone/tmp/console.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        env.put("JBOSS_PIDFILE", pidFile.toString());
        env.put("JAVA_OPTS", "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true"
                + (TestDatabase.postgresql() ? " -Dcarbonsink.db.url=" + TestDatabase.url() + " -Dcarbonsink.db.user="
                + TestDatabase.user() + " -Dcarbonsink.db.password=" + TestDatabase.password() : ""));
        launcher = builder.start();
        awaitReady(Duration.ofMinutes(4));
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Api api = api();
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The server process ended during start; see " + home.resolve("standalone/tmp/console.log"));
            }
            try {
                if (api.get("/api/v1/health/ready").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The server did not become ready within " + timeout);
    }

    private ProcessHandle serverJvm() throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("No server process " + pid));
    }

    /** Graceful stop (SIGTERM): WildFly shuts down cleanly. */
    public void stop() throws IOException, InterruptedException {
        ProcessHandle jvm = serverJvm();
        jvm.destroy();
        await(jvm, Duration.ofMinutes(2));
        launcher.waitFor();
    }

    /** A crash: SIGKILL to the server JVM, no shutdown hook runs, nothing is flushed. */
    public void kill() throws IOException, InterruptedException {
        ProcessHandle jvm = serverJvm();
        jvm.destroyForcibly();
        await(jvm, Duration.ofSeconds(30));
        launcher.waitFor();
    }

    private static void await(ProcessHandle process, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws Exception {
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (launcher != null) {
            launcher.destroyForcibly();
        }
    }

    static File consoleLog(Path home) {
        return home.resolve("standalone/tmp/console.log").toFile();
    }
}
