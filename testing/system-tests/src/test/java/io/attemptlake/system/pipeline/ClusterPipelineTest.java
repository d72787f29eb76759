package io.attemptlake.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.system.deploy.Roots;
import io.attemptlake.testsupport.Ports;
import io.attemptlake.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./pipeline up --cluster} with every process real: three Kafka brokers, a NameNode and three
 * DataNodes, a Spark standalone Master and Worker, the services. The ETL's tasks run in executors
 * the Worker starts; a broker, the Worker (with its executor) and a DataNode are each SIGKILLed while
 * work is in flight, and afterwards the lake holds every acknowledged record exactly once.
 *
 * <p>The tests share one cluster (it takes a minute and a half to start) and build on each other's
 * data, in order: {@link #acknowledged} is every record a 2xx has acknowledged so far.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> TABLES = List.of("raw/assessments", "flattened/attempts", "flattened/questions",
            "flattened/options", "quarantine/assessments");

    private static PipelineScript pipeline;
    private static Map<String, String> env;
    private static StackClient client;
    private static Path work;
    private static final Map<String, Long> acknowledged = new HashMap<>();
    private static final AtomicInteger seeds = new AtomicInteger(50_000);

    @BeforeAll
    static void upCluster() throws IOException {
        work = Path.of("target", "cluster").toAbsolutePath();
        pipeline = new PipelineScript(Roots.root(), work.resolve("state"));
        pipeline.run("clean");
        PipelineScript.Result up = pipeline.run("up", "--cluster");
        assertThat(up.exitCode()).as(up.output()).isZero();
        env = pipeline.stackEnv();
        client = new StackClient(env);
    }

    @AfterAll
    static void down() {
        pipeline.run("down");
    }

    @Test
    @Order(1)
    void upStartsThreeBrokersThreeDataNodesAndASparkClusterAndSaysWhereTheyAre() throws Exception {
        assertThat(env).containsEntry("STACK_MODE", "cluster").containsKeys("SPARK_MASTER_URL", "SPARK_UI_URL");
        JsonNode master = JSON.readTree(get(env.get("SPARK_UI_URL") + "/json/"));
        assertThat(master.get("url").asText()).isEqualTo(env.get("SPARK_MASTER_URL"));
        assertThat(master.get("aliveworkers").asInt()).isEqualTo(1);
        assertThat(master.get("workers").get(0).get("webuiaddress").asText())
                .as("the Worker's UI is not on the ingest's port").doesNotEndWith(":" + pipeline.port("INGEST_PORT"));
        assertThat(master.get("activeapps")).as("the etl-service is the Master's application").hasSize(1);

        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").split(",")).hasSize(3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP_SERVERS")))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            TopicDescription topic = admin.describeTopics(List.of(AssessmentsTopic.DEFAULT_NAME)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(AssessmentsTopic.DEFAULT_NAME);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, AssessmentsTopic.DEFAULT_NAME);
            assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("min.insync.replicas").value()).isEqualTo("2");
        }
        assertThat(liveDataNodes()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void landsTheSameTablesOnTheClusterAsInLocalMode() throws Exception {
        publishInBulk(3_000);
        produceUnusableMessages();
        JsonNode onCluster = client.awaitFinished(env.get("ETL_URL"), client.trigger(env.get("ETL_URL")));
        assertThat(onCluster.get("status").asText()).as(onCluster.toString()).isEqualTo("SUCCEEDED");
        assertThat(onCluster.get("executors")).as("tasks ran in the Worker's executors, not in the driver")
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.get("id").asText()).isNotEqualTo("driver");
                    assertThat(e.get("host").asText()).isEqualTo("127.0.0.1");
                });
        assertThat(executorLogs()).as("the Kafka source read in the executors").anyMatch(log -> log.contains("KafkaDataConsumer"));

        // The same topic landed by the same service in local[*], into a lake of its own.
        try (LocalEtl local = new LocalEtl()) {
            JsonNode inLocal = client.awaitFinished(local.url(), client.trigger(local.url()));
            assertThat(inLocal.get("status").asText()).as(inLocal.toString()).isEqualTo("SUCCEEDED");
            assertThat(inLocal.get("executors").get(0).get("id").asText()).isEqualTo("driver");
            assertThat(inLocal.get("counts")).isEqualTo(onCluster.get("counts"));
        }
        Path cluster = download("/lake", "same-cluster");
        Path local = download("/lake-local", "same-local");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            for (String table : TABLES) {
                String a = scan(cluster.resolve(table));
                String b = scan(local.resolve(table));
                long rows = count(sql, "SELECT count(*) FROM " + a);
                assertThat(count(sql, "SELECT count(*) FROM " + b)).as(table + " rows").isEqualTo(rows);
                // Everything but the run id: the same rows, with the same multiplicity.
                assertThat(count(sql, "SELECT count(*) FROM (SELECT * EXCLUDE (run_id) FROM " + a
                        + " EXCEPT ALL SELECT * EXCLUDE (run_id) FROM " + b + ")")).as(table + " rows only on the cluster").isZero();
                assertThat(count(sql, "SELECT count(*) FROM (SELECT * EXCLUDE (run_id) FROM " + b
                        + " EXCEPT ALL SELECT * EXCLUDE (run_id) FROM " + a + ")")).as(table + " rows only in local[*]").isZero();
                System.out.printf("cluster vs local[*]: %s %,d rows, identical%n", table, rows);
            }
            assertThat(count(sql, "SELECT count(*) FROM " + scan(cluster.resolve("quarantine/assessments"))))
                    .as("the unusable messages, quarantined").isEqualTo(3);
        }
        assertLakeHoldsEveryAcknowledgedRecordOnce();
    }

    @Test
    @Order(3)
    void aBrokerKilledDuringConcurrentPostsLosesNoAcknowledgedRecordAndDuplicatesNone() throws Exception {
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        long[] outage = new long[2];
        underLoad(sent, 30, () -> {
            sleep(5_000);
            ProcessHandle broker = ProcessHandle.of(pipeline.pid("kafka-2")).orElseThrow();
            outage[0] = System.nanoTime();
            PipelineScript.kill(broker);
            sleep(14_000); // beyond the 4 s in which the others take over its partitions
            outage[1] = System.nanoTime();
            PipelineScript.Result up = pipeline.run("up", "--cluster");
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("Starting Kafka broker 2").doesNotContain("Starting Kafka broker 1");
        });
        JsonNode run = client.awaitFinished(env.get("ETL_URL"), client.trigger(env.get("ETL_URL")));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        accept(new ArrayList<>(sent));

        long ackedDuringOutage = sent.stream().filter(s -> s.outcome().equals("acked")
                && s.ackedAt() > outage[0] && s.ackedAt() < outage[1]).count();
        System.out.printf("requests acknowledged while the broker was down: %d%n", ackedDuringOutage);
        assertThat(ackedDuringOutage).as("two of three brokers keep taking writes (min.insync.replicas=2)").isPositive();
    }

    @Test
    @Order(4)
    void aSparkWorkerKilledMidRunFailsCleanlyOrRecoversAndTheNextRunIsExact() throws Exception {
        String runId = runUnderWay(20_000);
        List<ProcessHandle> executors = pipeline.processes("executor").stream()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
        assertThat(executors).as("an executor runs the run's tasks").isNotEmpty();
        PipelineScript.kill(ProcessHandle.of(pipeline.pid("spark-worker")).orElseThrow());
        executors.forEach(PipelineScript::kill); // the machine is gone, not just the daemon
        PipelineScript.Result up = pipeline.run("up", "--cluster");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Starting a Spark Worker");

        JsonNode hit = client.awaitFinished(env.get("ETL_URL"), runId);
        System.out.println("run with its Worker killed: " + hit.get("status").asText() + " " + hit.path("error").asText(""));
        assertNothingOrAllOf(hit);
        JsonNode next = client.awaitFinished(env.get("ETL_URL"), client.trigger(env.get("ETL_URL")));
        assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertLakeHoldsEveryAcknowledgedRecordOnce();
    }

    @Test
    @Order(5)
    void aDataNodeKilledMidRunFailsCleanlyOrRecoversAndTheNextRunIsExact() throws Exception {
        String runId = runUnderWay(20_000);
        PipelineScript.kill(ProcessHandle.of(pipeline.pid("datanode-2")).orElseThrow());

        JsonNode hit = client.awaitFinished(env.get("ETL_URL"), runId);
        System.out.println("run with a DataNode killed: " + hit.get("status").asText() + " " + hit.path("error").asText(""));
        assertNothingOrAllOf(hit);
        PipelineScript.Result up = pipeline.run("up", "--cluster");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Starting HDFS DataNode 2");
        assertThat(liveDataNodes()).isEqualTo(3);
        JsonNode next = client.awaitFinished(env.get("ETL_URL"), client.trigger(env.get("ETL_URL")));
        assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertLakeHoldsEveryAcknowledgedRecordOnce();
    }

    @Test
    @Order(6)
    void demoRunsOnTheRunningClusterWithItsTasksInExecutors() throws Exception {
        PipelineScript.Result demo = pipeline.run("demo", "--cluster", "--records", "1000", "--seed", "7");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("already running", "1,000 records durably in topic assessments",
                "landed: 1,000 messages read").containsPattern("Spark tasks: \\d+ in executor \\d+ on 127\\.0\\.0\\.1");
        acknowledged(List.of(new Sent(AttemptGenerator.records(7, 1_000).toList(), "acked", System.nanoTime())));
        assertLakeHoldsEveryAcknowledgedRecordOnce();
    }

    @Test
    @Order(7)
    void downLeavesNothingRunning() {
        PipelineScript.Result down = pipeline.run("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(pipeline.marker())))
                .as("processes of the cluster after down (executors included)").isEmpty();
        for (String port : List.of("HDFS_RPC_PORT", "HDFS_HTTP_PORT", "INGEST_PORT", "ETL_PORT", "SPARK_MASTER_PORT",
                "SPARK_UI_PORT", "SPARK_WORKER_PORT", "SPARK_WORKER_UI_PORT", "SPARK_DRIVER_PORT", "SPARK_BLOCK_MANAGER_PORT")) {
            assertThat(listening(pipeline.port(port))).as(port + " after down").isFalse();
        }
        for (String broker : env.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            assertThat(listening(Integer.parseInt(broker.substring(broker.indexOf(':') + 1)))).as(broker + " after down").isFalse();
        }
    }

    /** Publishes {@code records} new records and starts a run; returns once its Spark tasks run. */
    private static String runUnderWay(int records) throws Exception {
        publishInBulk(records);
        String runId = client.trigger(env.get("ETL_URL"));
        client.await(env.get("ETL_URL"), runId, r -> r.path("progress").path("tasksTotal").asInt() > 0, Duration.ofMinutes(3));
        return runId;
    }

    // --- publishing --------------------------------------------------------------------------------

    /** One client request, how it ended, and when. */
    private record Sent(List<String> records, String outcome, long ackedAt) {
    }

    private static void publishInBulk(int records) throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < records / 1_000; i++) {
            List<String> batch = AttemptGenerator.records(seeds.getAndIncrement(), 1_000).toList();
            String outcome = client.publish(batch);
            assertThat(outcome).isEqualTo("acked");
            sent.add(new Sent(batch, outcome, System.nanoTime()));
        }
        acknowledged(sent);
    }

    /**
     * What the ingest would refuse but another producer may write: the ETL quarantines them, so
     * the quarantine table is compared too. Kafka acknowledged them: raw must hold them once.
     */
    private static void produceUnusableMessages() throws Exception {
        String record = AttemptGenerator.records(1, 1).findFirst().orElseThrow();
        Map<String, String> unusable = Map.of(
                "{\"keen_id\": \"broken", "pearson",
                "{\"keen_id\": [1, 2]}", "pearson",
                record, "Not A Tenant!");
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP_SERVERS"),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, String> message : unusable.entrySet()) {
                ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(AssessmentsTopic.DEFAULT_NAME, message.getKey().getBytes(StandardCharsets.UTF_8));
                out.headers().add(AssessmentsTopic.TENANT_HEADER, message.getValue().getBytes(StandardCharsets.UTF_8));
                producer.send(out).get(30, TimeUnit.SECONDS);
                acknowledged.merge(message.getKey(), 1L, Long::sum);
            }
        }
    }

    /** Four clients post 20-record requests for {@code seconds} while {@code fault} runs. */
    private static void underLoad(ConcurrentLinkedQueue<Sent> sent, int seconds, Runnable fault) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (loading.get()) {
                    List<String> records = AttemptGenerator.records(seeds.getAndIncrement(), 20).toList();
                    String outcome = client.publish(records);
                    sent.add(new Sent(records, outcome, System.nanoTime()));
                }
                return null;
            });
        }
        Thread faults = new Thread(fault);
        faults.start();
        sleep(seconds * 1000L);
        loading.set(false);
        faults.join();
        clients.shutdown();
        assertThat(clients.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
        assertThat(sent.stream().filter(s -> s.outcome().equals("acked")).count()).as("load actually ran").isGreaterThan(20);
    }

    private static void acknowledged(List<Sent> sent) {
        sent.stream().filter(s -> s.outcome().equals("acked"))
                .forEach(s -> s.records().forEach(r -> acknowledged.merge(r, 1L, Long::sum)));
    }

    /**
     * Acknowledged requests count; a request given up on may be in the lake only whole (then it
     * counts), a refused one not at all.
     */
    private static void accept(List<Sent> sent) throws Exception {
        Map<String, Long> raw = rawValues(download("/lake", "accept"));
        List<String> problems = new ArrayList<>();
        List<Sent> counted = new ArrayList<>();
        for (Sent s : sent) {
            long present = s.records().stream().filter(raw::containsKey).count();
            if (s.outcome().equals("acked") || (s.outcome().equals("gave up") && present == s.records().size())) {
                counted.add(new Sent(s.records(), "acked", s.ackedAt()));
            } else if (present != 0) {
                problems.add(s.outcome() + ": " + present + " of " + s.records().size() + " records in the lake");
            }
        }
        System.out.printf("broker killed under load: %d requests, outcomes %s%n", sent.size(),
                sent.stream().collect(Collectors.groupingBy(s -> s.outcome().split(" ")[0], Collectors.counting())));
        assertThat(problems).as("refused or abandoned requests partly landed").isEmpty();
        acknowledged(counted);
        assertLakeHoldsEveryAcknowledgedRecordOnce();
    }

    // --- the lake ----------------------------------------------------------------------------------

    /** raw holds each acknowledged record as often as it was acknowledged; attempts each attempt once. */
    private static void assertLakeHoldsEveryAcknowledgedRecordOnce() throws Exception {
        Path lake = download("/lake", "exact");
        Map<String, Long> raw = rawValues(lake);
        List<String> wrong = Stream.concat(raw.keySet().stream(), acknowledged.keySet().stream()).distinct()
                .filter(v -> !raw.getOrDefault(v, 0L).equals(acknowledged.getOrDefault(v, 0L)))
                .map(v -> "in the lake " + raw.getOrDefault(v, 0L) + "x, acknowledged " + acknowledged.getOrDefault(v, 0L)
                        + "x: " + v.substring(0, Math.min(120, v.length())))
                .toList();
        assertThat(wrong).as("raw: every acknowledged record exactly once, nothing else (%d differ)", wrong.size())
                .hasSizeLessThan(1);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            String attempts = scan(lake.resolve("flattened/attempts"));
            long rows = count(sql, "SELECT count(*) FROM " + attempts);
            assertThat(count(sql, "SELECT count(DISTINCT (tenant, attempt_key)) FROM " + attempts)).isEqualTo(rows);
            assertThat(count(sql, "SELECT count(*) FROM " + scan(lake.resolve("raw/assessments")) + " WHERE outcome = 'landed'"))
                    .isEqualTo(rows);
            System.out.printf("lake exact: %,d acknowledged records, %,d attempts%n",
                    acknowledged.values().stream().mapToLong(Long::longValue).sum(), rows);
        }
    }

    /** A run hit by a fault either landed all it read (SUCCEEDED) or nothing, with a reason. */
    private static void assertNothingOrAllOf(JsonNode run) {
        String status = run.get("status").asText();
        assertThat(status).isIn("SUCCEEDED", "FAILED");
        if (status.equals("FAILED")) {
            assertThat(run.path("error").asText()).isNotBlank();
            assertThat(run.has("counts")).as("a failed run landed nothing").isFalse();
        }
    }

    private static Map<String, Long> rawValues(Path lake) throws Exception {
        Map<String, Long> values = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
             ResultSet rs = sql.executeQuery("SELECT value, count(*) FROM " + scan(lake.resolve("raw/assessments")) + " GROUP BY value")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static Path download(String base, String label) throws Exception {
        Path into = Files.createTempDirectory(work, label + "-");
        for (String table : TABLES) {
            WebHdfs.fetch(env.get("WEBHDFS_URL"), base + "/" + table, into.resolve(table));
        }
        return into;
    }

    private static String scan(Path table) {
        return "read_parquet('" + table + "/**/*.parquet', hive_partitioning = true)";
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- the processes -----------------------------------------------------------------------------

    private static int liveDataNodes() throws Exception {
        String jmx = "http://localhost:" + pipeline.port("HDFS_HTTP_PORT") + "/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int live = 0;
        while (System.nanoTime() < deadline) {
            live = JSON.readTree(get(jmx)).get("beans").get(0).get("NumLiveDataNodes").asInt();
            if (live == 3) {
                break;
            }
            Thread.sleep(500);
        }
        return live;
    }

    private static List<String> executorLogs() throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve("state/cluster/spark/work"))) {
            return files.filter(p -> p.getFileName().toString().equals("stderr")).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same etl-service jar in local[*], on the same topic, landing into /lake-local. */
    private static final class LocalEtl implements AutoCloseable {
        private final int port = Ports.free();
        private final Process process;

        LocalEtl() throws Exception {
            Path log = work.resolve("local-etl.log");
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                    Roots.sparkJvmFlags(),
                    pipeline.marker() + "local-etl",
                    "-jar", Roots.root().resolve("etl-service/target/etl-service.jar").toString(),
                    "--server.port=" + port,
                    "--etl.source.bootstrap-servers=" + env.get("KAFKA_BOOTSTRAP_SERVERS"),
                    "--etl.lake.base=" + env.get("HDFS_URI") + "/lake-local",
                    "--etl.spark.master=local[*]",
                    "--etl.auth.admin-key-sha256=" + sha256(env.get("ADMIN_API_KEY")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess.awaitReady("the local etl-service", process, url(), log, Duration.ofMinutes(3));
        }

        String url() {
            return "http://localhost:" + port;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        private static String sha256(String key) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
