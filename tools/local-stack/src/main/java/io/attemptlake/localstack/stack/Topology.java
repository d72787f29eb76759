package io.attemptlake.localstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What runs in each mode, in start order: the infrastructure first (Kafka, HDFS and, with
 * {@code --cluster}, Spark), then the two services. {@code local} is one Kafka and one HDFS process;
 * {@code cluster} makes every broker, DataNode and Spark daemon a process of its own, so that
 * killing one is a real fault.
 */
final class Topology {

    enum Mode { LOCAL, CLUSTER }

    /** The reverse of every start order: services, Spark (a Worker stops its executors), then storage. */
    static final List<List<String>> STOP_ORDER = List.of(List.of("etl"), List.of("ingest"), List.of("spark-worker"),
            List.of("spark-master"), List.of("datanode-1", "datanode-2", "datanode-3", "hdfs"), List.of("namenode"),
            List.of("kafka-1", "kafka-2", "kafka-3", "kafka"));

    /** The Spark JVM flags' one home (see the etl-service's SparkJvmFlags), read as a java argument file. */
    static final String SPARK_JVM_ARGS = "etl-service/src/main/resources/spark-jvm.args";

    private final StackSettings settings;
    private final StackProcesses processes;
    private final Mode mode;
    private final String java;

    Topology(StackSettings settings, StackProcesses processes, Mode mode) {
        this.settings = settings;
        this.processes = processes;
        this.mode = mode;
        this.java = NodeCommand.java();
    }

    List<Component> infrastructure() {
        return mode == Mode.CLUSTER ? clusterInfrastructure() : localInfrastructure();
    }

    List<Component> services(DevKeys keys) {
        return List.of(ingest(keys), etl(keys));
    }

    /** Every component, for status; the keys are not needed to name them. */
    List<Component> all() {
        List<Component> all = new ArrayList<>(infrastructure());
        all.addAll(services(null));
        return all;
    }

    String bootstrapServers() {
        List<Integer> ports = mode == Mode.CLUSTER ? settings.kafkaPorts() : List.of(settings.kafkaPort());
        return ports.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    private List<Component> localInfrastructure() {
        int kafka = settings.kafkaPort();
        int rpc = settings.hdfsRpcPort();
        int http = settings.hdfsHttpPort();
        Path state = settings.state();
        return List.of(
                node("kafka", "Starting Kafka (KRaft) on localhost:" + kafka + " ...", "512m", state.resolve("kafka"),
                        List.of("--port", String.valueOf(kafka), "--controller-port", String.valueOf(settings.kafkaControllerPort())),
                        List.of(kafka, settings.kafkaControllerPort()), "localhost:" + kafka),
                node("hdfs", "Starting HDFS (NameNode + DataNode) on hdfs://localhost:" + rpc + ", WebHDFS on :" + http + " ...",
                        "768m", state.resolve("hdfs"), List.of("--rpc-port", String.valueOf(rpc), "--http-port", String.valueOf(http)),
                        List.of(rpc, http), "hdfs://localhost:" + rpc + "  http://localhost:" + http));
    }

    private List<Component> clusterInfrastructure() {
        List<Integer> brokers = settings.kafkaPorts();
        List<Integer> controllers = settings.kafkaControllerPorts();
        String voters = IntStream.rangeClosed(1, 3).mapToObj(i -> i + "@localhost:" + controllers.get(i - 1))
                .collect(Collectors.joining(","));
        Path cluster = settings.cluster();
        int rpc = settings.hdfsRpcPort();
        int http = settings.hdfsHttpPort();
        List<Component> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int port = brokers.get(i - 1);
            all.add(node("kafka-" + i, "Starting Kafka broker " + i + " (KRaft) on localhost:" + port + " ...", "512m",
                    cluster.resolve("kafka-" + i), List.of("--node-id", String.valueOf(i), "--port", String.valueOf(port),
                            "--controller-port", String.valueOf(controllers.get(i - 1)), "--voters", voters),
                    List.of(port, controllers.get(i - 1)), "localhost:" + port));
        }
        all.add(node("namenode", "Starting the HDFS NameNode on hdfs://localhost:" + rpc + ", WebHDFS on :" + http + " ...",
                "768m", cluster.resolve("namenode"), List.of("--rpc-port", String.valueOf(rpc), "--http-port",
                        String.valueOf(http), "--datanodes", "0", "--expect-datanodes", "3"),
                List.of(rpc, http), "hdfs://localhost:" + rpc + "  http://localhost:" + http));
        // A restarted DataNode is ready once registered with the NameNode under its new ports; until
        // then the NameNode may still send readers to the killed one's.
        for (int i = 1; i <= 3; i++) {
            all.add(node("datanode-" + i, "Starting HDFS DataNode " + i + " ...", "384m", cluster.resolve("datanode-" + i),
                    List.of("--namenode", "hdfs://localhost:" + rpc), List.of(), "(registered with the NameNode)"));
        }
        all.addAll(spark());
        return all;
    }

    /** A local-stack node, its role the component's name without its number: it writes DIR/ready with its pid once it serves. */
    private Component node(String name, String message, String heap, Path dir, List<String> args, List<Integer> ports,
                           String endpoint) {
        String role = name.replaceAll("-[0-9]+$", "").replace("namenode", "hdfs");
        List<String> command = NodeCommand.of(settings.root().resolve("tools/local-stack/target/local-stack.jar"), heap,
                List.of(processes.marker(name)), role, dir, args);
        return new Component(name, message, command, Map.of(), ports, () -> { },
                () -> Probes.nodeReady(processes, name, dir.resolve("ready")), "starting", endpoint);
    }

    /** A Spark standalone Master and Worker from the SPARK_HOME the build assembles (tools/spark-home). */
    private List<Component> spark() {
        Path home = settings.root().resolve("tools/spark-home/target/spark-home");
        Path dir = settings.cluster().resolve("spark");
        Path conf = dir.resolve("spark.properties");
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1");
        String classpath = home.resolve("conf") + "/:" + home.resolve("jars") + "/*";
        Runnable writeConf = () -> write(conf, """
                # Submissions come from our driver only: no REST submission port (6066).
                spark.master.rest.enabled false
                # Finished applications' work directories (executor logs) are removed after a day.
                spark.worker.cleanup.enabled true
                spark.worker.cleanup.appDataTtl 86400
                """);
        int master = settings.sparkMasterPort();
        int ui = settings.sparkUiPort();
        int worker = settings.sparkWorkerPort();
        int workerUi = settings.sparkWorkerUiPort();
        String masterUrl = "spark://127.0.0.1:" + master;
        return List.of(
                new Component("spark-master", "Starting the Spark Master on " + masterUrl + ", UI http://127.0.0.1:" + ui + " ...",
                        sparkCommand("spark-master", classpath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                                "--port", String.valueOf(master), "--webui-port", String.valueOf(ui), "--properties-file",
                                conf.toString()),
                        env, List.of(master, ui), writeConf, () -> Probes.sparkMasterServes(ui), "starting",
                        masterUrl + "  http://127.0.0.1:" + ui),
                new Component("spark-worker", "Starting a Spark Worker (" + settings.sparkWorkerCores() + " cores, "
                        + settings.sparkWorkerMemory() + "), UI http://127.0.0.1:" + workerUi + " ...",
                        sparkCommand("spark-worker", classpath, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                                "--port", String.valueOf(worker), "--webui-port", String.valueOf(workerUi), "--cores",
                                settings.sparkWorkerCores(), "--memory", settings.sparkWorkerMemory(), "--work-dir",
                                dir.resolve("work").toString(), "--properties-file", conf.toString(), masterUrl),
                        env, List.of(worker, workerUi), writeConf, () -> Probes.sparkWorkersAlive(ui), "starting",
                        "127.0.0.1:" + worker + "  http://127.0.0.1:" + workerUi));
    }

    private List<String> sparkCommand(String name, String classpath, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", sparkJvmArgs(settings.root()), processes.marker(name), "-cp", classpath));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    /** The java argument that reads Spark's JVM flags from their file. */
    static String sparkJvmArgs(Path root) {
        return "@" + root.resolve(SPARK_JVM_ARGS);
    }

    private Component ingest(DevKeys keys) {
        int port = settings.ingestPort();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(settings.javaOpts("INGEST"));
        command.addAll(List.of(processes.marker("ingest"), "-jar",
                settings.root().resolve("ingest-service/target/ingest-service.jar").toString(),
                "--server.port=" + port, "--ingest.kafka.bootstrap-servers=" + bootstrapServers()));
        if (mode == Mode.CLUSTER) {
            // The topic as a cluster needs it: a 2xx means two brokers have the records.
            command.addAll(List.of("--ingest.kafka.replication-factor=3", "--ingest.kafka.min-insync-replicas=2"));
        }
        command.add("--ingest.kafka.instance-id=local");
        if (keys != null) {
            command.addAll(StackTenant.arguments("ingest.auth", keys.tenantKeys()));
        }
        return new Component("ingest", "Starting the ingest-service on :" + port + " ...", command, Map.of(), List.of(port),
                () -> { }, () -> Probes.healthy(port), "unready", "http://localhost:" + port);
    }

    private Component etl(DevKeys keys) {
        int port = settings.etlPort();
        Path built = settings.root().resolve("etl-service/target/etl-service.jar");
        Path app = settings.cluster().resolve("etl-app");
        Path jar = built;
        List<String> spark = List.of("--etl.spark.master=local[*]");
        List<Integer> ports = List.of(port);
        Runnable prepare = () -> { };
        if (mode == Mode.CLUSTER) {
            // A client-mode driver: executors connect back to these ports. Its executors carry the
            // stack's marker, so that `down` finds them even if the Worker is gone.
            spark = List.of("--etl.spark.master=spark://127.0.0.1:" + settings.sparkMasterPort(),
                    "--etl.spark.driver-host=127.0.0.1", "--etl.spark.bind-address=127.0.0.1",
                    "--etl.spark.driver-port=" + settings.sparkDriverPort(),
                    "--etl.spark.block-manager-port=" + settings.sparkBlockManagerPort(),
                    "--etl.spark.executor-memory=" + settings.sparkExecutorMemory(),
                    "--etl.spark.cores-max=" + settings.sparkWorkerCores(),
                    "--etl.spark.conf.[spark.executor.extraJavaOptions]=" + processes.marker("executor"));
            ports = List.of(port, settings.sparkDriverPort(), settings.sparkBlockManagerPort());
            prepare = () -> extract(built, app);
            jar = app.resolve("etl-service.jar");
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + settings.etlHeap()));
        command.addAll(settings.javaOpts("ETL"));
        command.addAll(List.of(sparkJvmArgs(settings.root()), processes.marker("etl"), "-jar", jar.toString(), "--server.port=" + port,
                "--etl.source.bootstrap-servers=" + bootstrapServers(),
                "--etl.lake.base=hdfs://localhost:" + settings.hdfsRpcPort() + "/lake"));
        command.addAll(spark);
        if (keys != null) {
            command.add("--etl.auth.admin-key-sha256=" + keys.adminKeySha256());
            command.addAll(StackTenant.arguments("etl.auth", keys.tenantKeys()));
        }
        String master = spark.get(0).substring("--etl.spark.master=".length());
        return new Component("etl", "Starting the etl-service on :" + port + " (Spark " + master + ", lake hdfs://localhost:"
                + settings.hdfsRpcPort() + "/lake) ...", command, Map.of(), ports, prepare, () -> Probes.healthy(port),
                "unready", "http://localhost:" + port);
    }

    // On a cluster the driver serves the Kafka source's jars to executors (spark.jars): they must be
    // real files, so the etl-service runs from its extracted layout (as in its container image).
    private void extract(Path jar, Path app) {
        Path extracted = app.resolve("etl-service.jar");
        try {
            if (Files.exists(extracted) && Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return;
            }
            deleteTree(app);
            Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", app.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new StackFailure("could not extract " + jar);
            }
        } catch (IOException e) {
            throw new StackFailure("could not extract " + jar + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent().resolve("work"));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
