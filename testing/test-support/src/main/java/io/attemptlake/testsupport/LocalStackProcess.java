package io.attemptlake.testsupport;

import io.attemptlake.localstack.stack.NodeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One local-stack node ({@code kafka}, {@code hdfs}) in a child JVM, by the command line ./pipeline's
 * supervisor starts it with ({@link NodeCommand}), and ended with the test JVM. Stoppable gracefully (SIGTERM) or brutally (SIGKILL) to inject real faults.
 */
public final class LocalStackProcess implements AutoCloseable {

    private final String role;
    private final Path dir;
    private final List<String> args;
    private Process process;

    public LocalStackProcess(String role, Path dir, List<String> args) {
        this.role = role;
        this.dir = dir;
        this.args = List.copyOf(args);
    }

    /** The local-stack build output: {@code local-stack.jar} plus {@code lib/}. */
    public static Path home() {
        String configured = System.getProperty("attemptlake.local-stack.home");
        Path home = configured != null ? Path.of(configured) : findUpwards();
        if (!Files.exists(home.resolve("local-stack.jar"))) {
            throw new IllegalStateException(home.resolve("local-stack.jar")
                    + " is missing: build the local-stack module first (./mvnw -pl tools/local-stack package)");
        }
        return home;
    }

    private static Path findUpwards() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("tools/local-stack/target"))) {
                return p.resolve("tools/local-stack/target");
            }
        }
        throw new IllegalStateException("cannot find tools/local-stack/target; set -Dattemptlake.local-stack.home");
    }

    public synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("ready"));
            List<String> nodeArgs = new ArrayList<>(List.of("--parent-pid", String.valueOf(ProcessHandle.current().pid())));
            nodeArgs.addAll(args);
            List<String> command = NodeCommand.of(home().resolve("local-stack.jar"), "512m",
                    List.of("-XX:TieredStopAtLevel=1"), role, dir, nodeArgs);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
            awaitReady(timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(dir.resolve("ready"))) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(role + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            sleep(100);
        }
        kill();
        throw new IllegalStateException(role + " not ready within " + timeout + ":\n" + logTail());
    }

    /** SIGTERM and wait: the node shuts down cleanly. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGKILL: the node dies mid-flight, as in a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return dir.resolve(role + ".log");
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Sleeps; an interrupt ends the test that waits. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
