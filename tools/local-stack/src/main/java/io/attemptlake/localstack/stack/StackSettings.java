package io.attemptlake.localstack.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the stack lives and listens: the {@code PIPELINE_*} environment variables the README
 * documents, each with its documented default. The bench moves every port ({@link #forBench}).
 */
final class StackSettings {

    private final Path root;
    private final Map<String, String> env;

    StackSettings(Path root, Map<String, String> env) {
        this.root = root;
        this.env = Map.copyOf(env);
    }

    static StackSettings fromEnvironment(Path root) {
        return new StackSettings(root, System.getenv());
    }

    /** The bench's own stack (tools/bench/work, ports 19xxx), so that it never mixes with yours. */
    StackSettings forBench() {
        Map<String, String> bench = new HashMap<>(env);
        bench.put("PIPELINE_STATE_DIR", root.resolve("tools/bench/work/stack").toString());
        bench.putIfAbsent("PIPELINE_ETL_HEAP", "2g");
        bench.putAll(Map.ofEntries(
                Map.entry("PIPELINE_KAFKA_PORT", "19092"), Map.entry("PIPELINE_KAFKA_CONTROLLER_PORT", "19093"),
                Map.entry("PIPELINE_HDFS_RPC_PORT", "18020"), Map.entry("PIPELINE_HDFS_HTTP_PORT", "19870"),
                Map.entry("PIPELINE_INGEST_PORT", "18081"), Map.entry("PIPELINE_ETL_PORT", "18082"),
                Map.entry("PIPELINE_KAFKA_PORTS", "19092,19094,19096"),
                Map.entry("PIPELINE_KAFKA_CONTROLLER_PORTS", "19093,19095,19097"),
                Map.entry("PIPELINE_SPARK_MASTER_PORT", "17077"), Map.entry("PIPELINE_SPARK_UI_PORT", "18080"),
                Map.entry("PIPELINE_SPARK_WORKER_PORT", "17080"), Map.entry("PIPELINE_SPARK_WORKER_UI_PORT", "18088"),
                Map.entry("PIPELINE_SPARK_DRIVER_PORT", "17078"), Map.entry("PIPELINE_SPARK_BLOCK_MANAGER_PORT", "17079")));
        return new StackSettings(root, bench);
    }

    Path root() {
        return root;
    }

    /** Data, logs, keys and PIDs; survives down and up. */
    Path state() {
        return Path.of(text("STATE_DIR", root.resolve(".local").toString())).toAbsolutePath();
    }

    /** The cluster's data, apart from the single-node stack's. */
    Path cluster() {
        return state().resolve("cluster");
    }

    int kafkaPort() {
        return port("KAFKA_PORT", 9092);
    }

    int kafkaControllerPort() {
        return port("KAFKA_CONTROLLER_PORT", 9093);
    }

    int hdfsRpcPort() {
        return port("HDFS_RPC_PORT", 8020);
    }

    int hdfsHttpPort() {
        return port("HDFS_HTTP_PORT", 9870);
    }

    int ingestPort() {
        return port("INGEST_PORT", 8081);
    }

    int etlPort() {
        return port("ETL_PORT", 8082);
    }

    /** --cluster: three brokers, two ports apart by default. */
    List<Integer> kafkaPorts() {
        return ports("KAFKA_PORTS", kafkaPort());
    }

    List<Integer> kafkaControllerPorts() {
        return ports("KAFKA_CONTROLLER_PORTS", kafkaControllerPort());
    }

    int sparkMasterPort() {
        return port("SPARK_MASTER_PORT", 7077);
    }

    int sparkUiPort() {
        return port("SPARK_UI_PORT", 8080);
    }

    int sparkWorkerPort() {
        return port("SPARK_WORKER_PORT", 7080);
    }

    /** Not Spark's default 8081: that is the ingest's. */
    int sparkWorkerUiPort() {
        return port("SPARK_WORKER_UI_PORT", 8088);
    }

    int sparkDriverPort() {
        return port("SPARK_DRIVER_PORT", 7078);
    }

    int sparkBlockManagerPort() {
        return port("SPARK_BLOCK_MANAGER_PORT", 7079);
    }

    String sparkWorkerCores() {
        return text("SPARK_WORKER_CORES", "2");
    }

    String sparkWorkerMemory() {
        return text("SPARK_WORKER_MEMORY", "3g");
    }

    String sparkExecutorMemory() {
        return text("SPARK_EXECUTOR_MEMORY", "2g");
    }

    int stopTimeoutSeconds() {
        return Integer.parseInt(text("STOP_TIMEOUT", "30"));
    }

    int startTimeoutSeconds() {
        return Integer.parseInt(text("START_TIMEOUT", "180"));
    }

    String etlHeap() {
        return text("ETL_HEAP", "3g");
    }

    /** PIPELINE_INGEST_JAVA_OPTS / PIPELINE_ETL_JAVA_OPTS: extra JVM flags, e.g. a JFR recording for profiling. */
    List<String> javaOpts(String service) {
        String opts = text(service + "_JAVA_OPTS", "").trim();
        return opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
    }

    private String text(String name, String fallback) {
        String value = env.get("PIPELINE_" + name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private int port(String name, int fallback) {
        String value = text(name, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StackFailure("PIPELINE_" + name + " must be a port number, not " + value);
        }
    }

    private List<Integer> ports(String name, int first) {
        String value = text(name, first + "," + (first + 2) + "," + (first + 4));
        List<Integer> ports;
        try {
            ports = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            ports = List.of();
        }
        if (ports.size() != 3) {
            throw new StackFailure("PIPELINE_KAFKA_PORTS and PIPELINE_KAFKA_CONTROLLER_PORTS need three ports each");
        }
        return ports;
    }
}
