package io.attemptlake.localstack.stack;

import io.attemptlake.localstack.Demo;
import io.attemptlake.localstack.stack.Topology.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Starts, watches and stops the local stack's processes, in every mode, and writes {@code stack.env}:
 * what {@code ./pipeline} runs once it has found a JDK and built the jars. Each process is started
 * detached and found again by its pid file and marker, so every command works from a new JVM.
 */
public final class StackSupervisor {

    private final StackSettings settings;
    private final StackProcesses processes;
    private final Console out;

    StackSupervisor(StackSettings settings, Console out) {
        this.settings = settings;
        this.processes = new StackProcesses(settings.state());
        this.out = out;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("attemptlake.root", "")).toAbsolutePath();
        StackSupervisor supervisor = new StackSupervisor(StackSettings.fromEnvironment(root), new Console(System.out));
        try {
            System.exit(supervisor.run(args));
        } catch (StackFailure e) {
            System.err.println("pipeline: " + e.getMessage());
            System.exit(1);
        }
    }

    int run(String... args) {
        List<String> rest = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        switch (args.length == 0 ? "" : args[0]) {
            case "up" -> up(upMode(rest));
            case "demo" -> demo(rest);
            case "bench" -> {
                return bench(rest);
            }
            case "status" -> status();
            case "down" -> down();
            case "clean" -> clean();
            default -> throw new StackFailure("unknown command: " + String.join(" ", args) + " (./pipeline help)");
        }
        return 0;
    }

    private static Mode upMode(List<String> args) {
        Mode mode = Mode.LOCAL;
        for (String arg : args) {
            if (!arg.equals("--cluster")) {
                throw new StackFailure("unknown up option: " + arg);
            }
            mode = Mode.CLUSTER;
        }
        return mode;
    }

    /** The mode of the last {@code up}: status and down follow it. */
    private Mode mode() {
        try {
            Path file = settings.state().resolve("mode");
            return Files.exists(file) && Files.readString(file).trim().equals("cluster") ? Mode.CLUSTER : Mode.LOCAL;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void up(Mode want) {
        DevKeys keys = DevKeys.ensure(settings.state());
        if (mode() != want && new Topology(settings, processes, mode()).all().stream().anyMatch(c -> processes.isRunning(c.name()))) {
            throw new StackFailure("the pipeline is running in " + name(mode()) + " mode; ./pipeline down first");
        }
        writeMode(want);
        Topology topology = new Topology(settings, processes, want);
        List<Component> services = topology.services(keys);
        boolean allRunning = topology.all().stream().allMatch(c -> processes.isRunning(c.name()));
        if (allRunning && services.stream().allMatch(c -> c.ready().getAsBoolean())) {
            out.say("The pipeline is already running.");
            printStackEnv(topology, keys, want);
            return;
        }
        start(topology.infrastructure());
        start(services);
        out.say("The pipeline is up (logs in " + settings.state() + "/logs/). " + settings.state() + "/stack.env:");
        printStackEnv(topology, keys, want);
    }

    /** Checks the ports of those not running, starts them in order, then waits until each serves. */
    private void start(List<Component> components) {
        List<Component> missing = components.stream().filter(c -> !processes.isRunning(c.name())).toList();
        missing.forEach(c -> c.ports().forEach(Probes::requireFree));
        for (Component c : missing) {
            out.say(c.startMessage());
            c.prepare().run();
            processes.launch(c.name(), c.command(), c.env());
        }
        components.forEach(this::awaitReady);
    }

    private void awaitReady(Component c) {
        long deadline = System.nanoTime() + settings.startTimeoutSeconds() * 1_000_000_000L;
        while (!c.ready().getAsBoolean()) {
            if (!processes.isRunning(c.name())) {
                showLogTail(c.name());
                throw new StackFailure(c.name() + " exited while starting (log above); ./pipeline down stops the rest");
            }
            if (System.nanoTime() > deadline) {
                showLogTail(c.name());
                throw new StackFailure(c.name() + " did not become healthy within " + settings.startTimeoutSeconds()
                        + "s (log above); ./pipeline down stops the rest");
            }
            StackProcesses.sleep(1000);
        }
    }

    private void showLogTail(String name) {
        System.err.println("---- last lines of " + processes.log(name) + " ----");
        System.err.println(processes.logTail(name));
        System.err.println("----");
    }

    private void printStackEnv(Topology topology, DevKeys keys, Mode mode) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("INGEST_URL", "http://localhost:" + settings.ingestPort());
        env.put("ETL_URL", "http://localhost:" + settings.etlPort());
        env.put("HDFS_URI", "hdfs://localhost:" + settings.hdfsRpcPort());
        env.put("WEBHDFS_URL", "http://localhost:" + settings.hdfsHttpPort() + "/webhdfs/v1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", topology.bootstrapServers());
        env.putAll(keys.asEnv());
        env.put("STACK_MODE", name(mode));
        if (mode == Mode.CLUSTER) {
            env.put("SPARK_MASTER_URL", "spark://127.0.0.1:" + settings.sparkMasterPort());
            env.put("SPARK_UI_URL", "http://127.0.0.1:" + settings.sparkUiPort());
        }
        EnvFile.writePrivate(settings.state().resolve("stack.env"), env);
        out.out().print(EnvFile.format(env));
    }

    private void demo(List<String> args) {
        String records = "3280";
        String seed = "205";
        Mode mode = Mode.LOCAL;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--cluster" -> mode = Mode.CLUSTER;
                case "--records" -> records = value(args, ++i, "--records needs a number");
                case "--seed" -> seed = value(args, ++i, "--seed needs a number");
                default -> throw new StackFailure("unknown demo option: " + args.get(i));
            }
        }
        if (!records.matches("[1-9][0-9]*")) {
            throw new StackFailure("--records must be a positive whole number");
        }
        up(mode);
        out.say("");
        try {
            Demo.main(new String[] {"--stack-env", settings.state().resolve("stack.env").toString(), "--records", records,
                    "--seed", seed, "--work", settings.state().resolve("demo").toString()});
        } catch (Exception e) {
            throw new StackFailure("the demo failed: " + e);
        }
    }

    /** On a stack of its own (tools/bench/work, ports 19xxx), so that it never mixes with yours. */
    private int bench(List<String> args) {
        String records = "100000";
        Mode mode = Mode.LOCAL;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--cluster" -> mode = Mode.CLUSTER;
                case "--records" -> records = value(args, ++i, "--records needs N or N,M");
                case "--repeats", "--scenarios", "--growth-runs" -> {
                    extra.add(args.get(i));
                    extra.add(value(args, ++i, args.get(i - 1) + " needs a value"));
                }
                default -> throw new StackFailure("unknown bench option: " + args.get(i));
            }
        }
        if (!records.matches("[1-9][0-9]*(,[1-9][0-9]*)*")) {
            throw new StackFailure("--records must be N or N,M (e.g. 100000,1000000)");
        }
        StackSettings bench = settings.forBench();
        new StackSupervisor(bench, Console.QUIET).clean();
        StackSupervisor stack = new StackSupervisor(bench, out);
        try {
            stack.up(mode);
            Path root = settings.root();
            List<String> command = new ArrayList<>(List.of(NodeCommand.java(), "-Xmx4g", Topology.sparkJvmArgs(root),
                    "-cp", root.resolve("tools/bench/target/bench.jar") + ":" + root.resolve("tools/bench/target/lib") + "/*",
                    "io.attemptlake.bench.BenchMain",
                    "--stack-env", bench.state().resolve("stack.env").toString(), "--records", records,
                    "--work", root.resolve("tools/bench/work").toString(), "--results", root.resolve("tools/bench/results").toString(),
                    "--mode", name(mode)));
            command.addAll(extra);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new StackFailure("could not run the benchmark: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            new StackSupervisor(bench, Console.QUIET).down();
        }
    }

    void status() {
        Mode mode = mode();
        out.say("Mode: " + name(mode));
        out.say(String.format("%-13s %-8s %-9s %s", "COMPONENT", "PID", "STATE", "ENDPOINT"));
        for (Component c : new Topology(settings, processes, mode).all()) {
            OptionalLong pid = processes.pidOf(c.name());
            String state = pid.isEmpty() ? "stopped" : c.ready().getAsBoolean() ? "running" : c.notReady();
            out.say(String.format("%-13s %-8s %-9s %s", c.name(), pid.isPresent() ? String.valueOf(pid.getAsLong()) : "-",
                    state, c.endpoint()));
        }
    }

    void down() {
        for (List<String> group : Topology.STOP_ORDER) {
            processes.stopTogether(out, settings.stopTimeoutSeconds(), group.toArray(String[]::new));
        }
        List<ProcessHandle> strays = processes.strays();
        if (!strays.isEmpty()) {
            out.say("Stopping leftover processes: " + String.join(" ", strays.stream().map(p -> String.valueOf(p.pid())).toList()));
            strays.forEach(ProcessHandle::destroyForcibly);
            strays.forEach(p -> p.onExit().join());
        }
        out.say("The pipeline is down; data is kept in " + settings.state() + " (./pipeline clean removes it).");
    }

    void clean() {
        down();
        try {
            Topology.deleteTree(settings.state());
        } catch (IOException e) {
            throw new StackFailure("could not remove " + settings.state() + ": " + e.getMessage());
        }
        out.say("Removed " + settings.state() + ".");
    }

    private void writeMode(Mode mode) {
        try {
            Files.createDirectories(settings.state());
            Files.writeString(settings.state().resolve("mode"), name(mode) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String value(List<String> args, int i, String missing) {
        if (i >= args.size()) {
            throw new StackFailure(missing);
        }
        return args.get(i);
    }
}
