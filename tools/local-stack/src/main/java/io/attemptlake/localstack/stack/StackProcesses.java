package io.attemptlake.localstack.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The processes of one stack: each started detached (it outlives the command that started it),
 * logged to {@code logs/<name>.log}, its pid in {@code pids/<name>.pid}, and its command line
 * carrying a marker so that a pid the OS has reused is never mistaken for ours.
 */
final class StackProcesses {

    private final Path state;

    StackProcesses(Path state) {
        this.state = state;
    }

    /** The marker every process of the stack carries; {@code name} is the component (or "executor"). */
    String marker(String name) {
        return "-Dattemptlake.stack=" + state + ":" + name;
    }

    Path log(String name) {
        return state.resolve("logs/" + name + ".log");
    }

    private Path pidFile(String name) {
        return state.resolve("pids/" + name + ".pid");
    }

    /** The pid of our running {@code name}, if its pid file names a live process with our marker. */
    OptionalLong pidOf(String name) {
        try {
            Path file = pidFile(name);
            if (!Files.exists(file)) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return commandLine(pid).contains(marker(name)) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    boolean isRunning(String name) {
        return pidOf(name).isPresent();
    }

    /**
     * Starts {@code command} under nohup, as a daemon: input from /dev/null, output appended to
     * its log, so that it survives the terminal and this JVM.
     */
    void launch(String name, List<String> command, Map<String, String> env) {
        try {
            Files.createDirectories(state.resolve("logs"));
            Files.createDirectories(state.resolve("pids"));
            Files.writeString(log(name), "\n==== " + name + " start " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + " ====\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> detached = new ArrayList<>(List.of("nohup"));
            detached.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(detached).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            Files.writeString(pidFile(name), process.pid() + "\n");
        } catch (IOException e) {
            throw new StackFailure("could not start " + name + ": " + e.getMessage());
        }
    }

    /**
     * Stops {@code names} together (TERM, then KILL after the timeout): Kafka brokers of one quorum
     * must go together, or the last one waits for a controller majority that has already left.
     */
    void stopTogether(Console out, int timeoutSeconds, String... names) {
        List<ProcessHandle> stopping = new ArrayList<>();
        List<String> stoppingNames = new ArrayList<>();
        for (String name : names) {
            OptionalLong pid = pidOf(name);
            if (pid.isPresent()) {
                out.say("Stopping " + name + " (pid " + pid.getAsLong() + ") ...");
                ProcessHandle.of(pid.getAsLong()).ifPresent(p -> {
                    p.destroy();
                    stopping.add(p);
                    stoppingNames.add(name);
                });
            }
            delete(pidFile(name));
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && stopping.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(500);
        }
        for (int i = 0; i < stopping.size(); i++) {
            if (stopping.get(i).isAlive()) {
                out.say("  " + stoppingNames.get(i) + " did not stop within " + timeoutSeconds + "s: killing it");
                stopping.get(i).destroyForcibly();
            }
        }
        stopping.forEach(p -> p.onExit().join());
    }

    /** Anything of this stack left behind (a lost pid file, an executor whose Worker was killed). */
    List<ProcessHandle> strays() {
        String marker = marker("");
        return ProcessHandle.allProcesses().filter(p -> commandLine(p.pid()).contains(marker)).toList();
    }

    String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(log(name), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // /proc's whole command line: ProcessHandle.Info may be empty for a process that is not our child.
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted");
        }
    }
}
