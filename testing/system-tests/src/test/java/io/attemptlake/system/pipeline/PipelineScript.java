package io.attemptlake.system.pipeline;

import io.attemptlake.testsupport.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** ./pipeline run as a newcomer runs it, but on free ports and with its own state directory. */
final class PipelineScript {

    record Result(int exitCode, String output) {
    }

    private final Path root;
    private final Path state;
    private final Map<String, String> env = new HashMap<>();

    PipelineScript(Path root, Path state) {
        this.root = root;
        this.state = state;
        env.put("PIPELINE_STATE_DIR", state.toString());
        for (String port : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "HDFS_RPC_PORT", "HDFS_HTTP_PORT",
                "INGEST_PORT", "ETL_PORT")) {
            env.put("PIPELINE_" + port, String.valueOf(Ports.free()));
        }
        env.put("PIPELINE_ETL_HEAP", "2g");
        // --cluster: every port of its brokers and Spark daemons free too.
        env.put("PIPELINE_KAFKA_PORTS", Ports.free() + "," + Ports.free() + "," + Ports.free());
        env.put("PIPELINE_KAFKA_CONTROLLER_PORTS", Ports.free() + "," + Ports.free() + "," + Ports.free());
        for (String port : List.of("SPARK_MASTER_PORT", "SPARK_UI_PORT", "SPARK_WORKER_PORT", "SPARK_WORKER_UI_PORT",
                "SPARK_DRIVER_PORT", "SPARK_BLOCK_MANAGER_PORT")) {
            env.put("PIPELINE_" + port, String.valueOf(Ports.free()));
        }
    }

    Result run(String... args) {
        try {
            Path outputs = state.resolveSibling(state.getFileName() + "-output");
            Files.createDirectories(outputs);
            Path log = Files.createTempFile(outputs, "pipeline-" + args[0] + "-", ".out");
            List<String> command = new java.util.ArrayList<>(List.of(root.resolve("pipeline").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("./pipeline " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> stackEnv() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(state.resolve("stack.env"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    int port(String name) {
        return Integer.parseInt(env.get("PIPELINE_" + name));
    }

    /** The marker every process of this stack carries on its command line. */
    String marker() {
        return "-Dattemptlake.stack=" + state + ":";
    }

    /** The pid of a component ./pipeline started (kafka-2, datanode-1, spark-worker, ...). */
    long pid(String component) {
        try {
            return Long.parseLong(Files.readString(state.resolve("pids/" + component + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes of this stack whose command line carries {@code marker() + component}. */
    List<ProcessHandle> processes(String component) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker() + component)).toList();
    }

    /** SIGKILL, as a crash or a lost machine would. */
    static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().join();
    }
}
