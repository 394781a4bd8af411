package cn.yaan.carbonsink.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second copy of the configured server (target/server-restart, the real EAR in its deployments folder) that a
 * test can start, stop gracefully, or kill with SIGKILL, to prove what survives a restart or a crash. On PostgreSQL
 * it shares the suite's schema, as a second node would.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path home;
    private final int portOffset;
    private final Path pidFile;
    private final String serverConfig;
    /** An installation made by the release's install.sh, started as an operator starts it (bin/carbonsink.sh). */
    private final boolean installed;
    /** More arguments for standalone.sh (a cluster node's name). */
    private final List<String> arguments;
    private Process launcher;

    /** The restart server's ports are the suite's moved by another 1000. */
    public ServerProcess() {
        this(Path.of(System.getProperty("it.restart.home")), "standalone.xml",
                Integer.getInteger("it.port.offset", 10000) + 1000, false);
    }

    private ServerProcess(Path home, String serverConfig, int portOffset, boolean installed) {
        this(home, serverConfig, portOffset, installed, List.of());
    }

    private ServerProcess(Path home, String serverConfig, int portOffset, boolean installed, List<String> arguments) {
        this.arguments = List.copyOf(arguments);
        this.home = home;
        this.serverConfig = serverConfig;
        this.portOffset = portOffset;
        this.pidFile = home.resolve("standalone/tmp/server.pid");
        this.installed = installed;
    }

    /**
     * A server installed from the release into {@code home}, started with {@code bin/carbonsink.sh}: its settings
     * come from its own carbonsink.env only, none from the suite's environment.
     */
    public static ServerProcess installed(Path home, int portOffset) {
        return new ServerProcess(home, "standalone.xml", portOffset, true);
    }

    public int portOffset() {
        return portOffset;
    }

    /**
     * The copy started with the configuration for several nodes, standalone-ha.xml. Its JGroups ports (up to 55200)
     * move with the offset too and must stay ports, so its offset is the suite's divided by 10 (1000 for the
     * default 10000), not the suite's plus 1000.
     */
    public static ServerProcess ha() {
        return new ServerProcess(Path.of(System.getProperty("it.restart.home")), "standalone-ha.xml",
                Integer.getInteger("it.port.offset", 10000) / 10, false);
    }

    /**
     * A copy of the suite's server in {@code home} started with {@code serverConfig} and more arguments for
     * standalone.sh: a node of the cluster (standalone-ha.xml) or its balancer (standalone-load-balancer.xml).
     */
    public static ServerProcess copy(Path home, String serverConfig, int portOffset, String... arguments) {
        return new ServerProcess(home, serverConfig, portOffset, false, List.of(arguments));
    }

    public Api api() {
        return new Api("http://localhost:" + (8080 + portOffset));
    }

    public Path home() {
        return home;
    }

    /**
     * Copies the suite's server (configuration, modules and the EAR in its deployments folder, but no data, logs or
     * deployment markers) unless this copy exists already.
     */
    private void prepare() throws IOException {
        if (Files.exists(home.resolve("jboss-modules.jar"))) {
            return;
        }
        Path source = Path.of(System.getProperty("it.server.home"));
        try (var paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String relative = source.relativize(path).toString().replace(File.separatorChar, '/');
                if (relative.startsWith("standalone/data") || relative.startsWith("standalone/log")
                        || relative.startsWith("standalone/tmp") || relative.contains("standalone_xml_history")
                        || (relative.startsWith("standalone/deployments/") && !relative.endsWith(".ear"))) {
                    continue;
                }
                Path target = home.resolve(relative);
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Starts the server and waits until the application answers (deployment done).
     */
    public void start() throws IOException, InterruptedException {
        start(Map.of());
    }

    /** {@link #start()} with some environment variables changed ("" removes one). */
    public void start(Map<String, String> environment) throws IOException, InterruptedException {
        launch(environment);
        // Generous: on cores shared with other builds a start has taken over four minutes.
        awaitReady(Duration.ofMinutes(8));
    }

    /** Launches the server with some environment variables changed ("" removes one), without waiting. */
    public void launchOnly(Map<String, String> environment) throws IOException {
        launch(environment);
    }

    /** Waits until the application of a server {@link #launchOnly launched} answers (deployment done). */
    public void awaitReady() throws InterruptedException {
        awaitReady(Duration.ofMinutes(12));
    }

    /** The lines the server logged so far (server.log). */
    public List<String> log() throws IOException {
        return lines(home.resolve("standalone/log/server.log"));
    }

    /**
     * Starts the server with some environment variables changed ("" removes one) and waits until WildFly says it
     * has started, whether the application deployed or not; answers what the server logged on the way.
     */
    public String startWith(Map<String, String> environment) throws IOException, InterruptedException {
        Path log = home.resolve("standalone/log/server.log");
        int before = lines(log).size();
        launch(environment);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            List<String> logged = lines(log);
            logged = logged.subList(Math.min(before, logged.size()), logged.size());
            // WFLYSRV0025: started; WFLYSRV0026: started with errors (a deployment failed).
            if (logged.stream().anyMatch(l -> l.contains("WFLYSRV0025") || l.contains("WFLYSRV0026"))) {
                return String.join("\n", logged);
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The server process ended during start; see " + consoleLog(home));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The server did not finish starting within 4 minutes");
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private void launch(Map<String, String> environment) throws IOException {
        prepare();
        requirePortFree();
        Files.createDirectories(pidFile.getParent());
        Files.deleteIfExists(pidFile);
        String offset = "-Djboss.socket.binding.port-offset=" + portOffset;
        List<String> command = new java.util.ArrayList<>(installed ? List.of("bash", "bin/carbonsink.sh", offset)
                : List.of("bash", "bin/standalone.sh", "-c", serverConfig, offset));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("standalone/tmp/console.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        env.put("JBOSS_PIDFILE", pidFile.toString());
        if (installed) {
            env.keySet().removeIf(name -> name.startsWith("CARBONSINK_"));
            env.put("JAVA_OPTS", "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true");
        } else {
            // On PostgreSQL this copy shares the suite's schema: a second node of the same cluster.
            env.put("CARBONSINK_NODE_ID", "carbonsink-2");
            env.put("JAVA_OPTS", "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true"
                    + (TestDatabase.postgresql() ? " " + TestDatabase.serverJvmArgs() : ""));
        }
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        launcher = builder.start();
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
        endLauncher();
    }

    /** A crash: SIGKILL to the server JVM, no shutdown hook runs, nothing is flushed. */
    public void kill() throws IOException, InterruptedException {
        ProcessHandle jvm = serverJvm();
        jvm.destroyForcibly();
        await(jvm, Duration.ofSeconds(30));
        endLauncher();
    }

    /**
     * The launcher script has nothing left to do once the JVM is gone, but after a SIGKILL its wait loop can spin for
     * minutes (bash 5.2's {@code wait} keeps answering 137 for the reaped JVM, and standalone.sh waits again while the
     * status is 128 or more); it is given a few seconds, then ended.
     */
    private void endLauncher() throws InterruptedException {
        if (!launcher.waitFor(10, TimeUnit.SECONDS)) {
            killLauncher();
            launcher.waitFor();
        }
    }

    private void killLauncher() {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
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

    /** Kills whatever is left of the server, so that no test leaves a server behind. */
    @Override
    public void close() throws Exception {
        if (launcher != null) {
            killLauncher();
        }
        if (Files.exists(pidFile)) {
            // Wait for it to be gone, so the next test finds its ports free.
            Optional<ProcessHandle> jvm = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            if (jvm.isPresent()) {
                jvm.get().destroyForcibly();
                await(jvm.get(), Duration.ofSeconds(30));
            }
        }
    }

    /** The HTTP and HTTPS ports are free: a server that cannot bind one starts without it, and tests meet another. */
    private void requirePortFree() {
        for (int port : new int[]{8080 + portOffset, 8443 + portOffset}) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port + " is taken: is a server of an earlier run "
                        + "still running? (ps aux | grep jboss-modules)");
            }
        }
    }

    static File consoleLog(Path home) {
        return home.resolve("standalone/tmp/console.log").toFile();
    }
}
