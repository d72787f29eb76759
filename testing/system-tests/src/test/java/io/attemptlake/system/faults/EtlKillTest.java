package io.attemptlake.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.tenant.ApiKeyHashes;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.system.deploy.Roots;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.LocalStackProcess;
import io.attemptlake.testsupport.ServiceProcess;
import io.attemptlake.testsupport.Ports;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.TestTenant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The etl-service as {@code java -jar}, killed with SIGKILL in the middle of a run against a real
 * Kafka broker and a real HDFS (both child processes, as ./pipeline runs them); restarted, the next
 * run lands exactly what one clean run would: every message once in raw, every attempt once.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
class EtlKillTest {

    private static final String ADMIN = "admin-key-kill-0123456789";
    private static final String PEARSON = TestTenant.PEARSON.key();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anEtlServiceKilledMidRunLandsExactlyOnceAfterRestart() throws Exception {
        int rpc = Ports.free();
        try (KafkaBroker kafka = KafkaBroker.start(RealInfrastructure.newDir("kill-kafka"));
             LocalStackProcess hdfs = new LocalStackProcess("hdfs", RealInfrastructure.newDir("kill-hdfs"),
                     List.of("--rpc-port", String.valueOf(rpc), "--http-port", String.valueOf(Ports.free())))) {
            hdfs.start(Duration.ofSeconds(120));
            List<String> records = AttemptGenerator.records(91, 20_000).toList();
            kafka.createTopic(AssessmentsTopic.DEFAULT_NAME, 3);
            publish(kafka.bootstrapServers(), records);
            Set<String> distinct = new HashSet<>(records);

            EtlProcess etl = new EtlProcess(kafka.bootstrapServers(), rpc);
            try {
                etl.start();
                JsonNode run = etl.post("/api/v1/etl/runs");
                String killed = run.get("id").asText();
                awaitPhase(etl, killed, List.of("PARSED", "STAGED")); // before its commit decision
                etl.kill();

                etl.start();
                assertThat(etl.get("/api/v1/etl/runs/" + killed).get("status").asText()).as("the killed run, after restart")
                        .isEqualTo("FAILED");
                String next = etl.post("/api/v1/etl/runs").get("id").asText();
                assertThat(awaitEnd(etl, next).get("status").asText()).isEqualTo("SUCCEEDED");

                assertThat(count(etl, "SELECT count(*) FROM raw_assessments")).isEqualTo(records.size());
                assertThat(count(etl, "SELECT count(*) FROM attempts")).isEqualTo(distinct.size());
                assertThat(count(etl, "SELECT count(*) FROM (SELECT attempt_key FROM attempts GROUP BY attempt_key HAVING count(*) > 1)"))
                        .as("attempts landed twice").isZero();
                String again = etl.post("/api/v1/etl/runs").get("id").asText();
                assertThat(awaitEnd(etl, again).path("counts").path("rawRows").asLong()).as("nothing left to land").isZero();
            } finally {
                etl.close();
            }
        }
    }

    private static void publish(String bootstrap, List<String> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String value : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(AssessmentsTopic.DEFAULT_NAME, null, value);
                record.headers().add(AssessmentsTopic.TENANT_HEADER, "pearson".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void awaitPhase(EtlProcess etl, String runId, List<String> phases) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = etl.get("/api/v1/etl/runs/" + runId);
            String reached = run.path("progress").path("phase").asText("");
            if (phases.contains(reached)) {
                return;
            }
            assertThat(run.get("status").asText()).as("still running while waiting for %s", phases).isIn("QUEUED", "RUNNING");
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " never reached " + phases);
    }

    private static JsonNode awaitEnd(EtlProcess etl, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = etl.get("/api/v1/etl/runs/" + runId);
            if (!List.of("QUEUED", "RUNNING").contains(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + runId + " did not finish");
    }

    private static long count(EtlProcess etl, String sql) throws Exception {
        JsonNode answer = etl.query(sql);
        return answer.get("rows").get(0).get(0).asLong();
    }

    /** The etl-service jar as ./pipeline starts it; kill() is SIGKILL. */
    private static final class EtlProcess implements AutoCloseable {
        private final String bootstrap;
        private final int hdfsRpc;
        private final int port = Ports.free();
        private final Path log;
        private Process process;

        EtlProcess(String bootstrap, int hdfsRpc) throws IOException {
            this.bootstrap = bootstrap;
            this.hdfsRpc = hdfsRpc;
            this.log = Files.createTempFile("etl-kill", ".log");
        }

        void start() throws Exception {
            Path jar = Roots.root().resolve("etl-service/target/etl-service.jar");
            process = new ProcessBuilder(TestTenant.withAll("etl.auth",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", Roots.sparkJvmFlags(),
                    "-jar", jar.toString(),
                    "--server.port=" + port,
                    "--etl.source.bootstrap-servers=" + bootstrap,
                    "--etl.lake.base=hdfs://localhost:" + hdfsRpc + "/lake",
                    "--etl.spark.master=local[2]",
                    "--etl.auth.admin-key-sha256=" + ApiKeyHashes.sha256Hex(ADMIN)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess.awaitReady("etl-service", process, url(""), log, Duration.ofSeconds(120));
        }

        String url(String path) {
            return "http://localhost:" + port + path;
        }

        JsonNode get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("X-API-Key", ADMIN).GET().build());
        }

        JsonNode post(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("X-API-Key", ADMIN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }

        JsonNode query(String sql) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url("/api/v1/queries"))).header("X-API-Key", PEARSON)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("sql", sql).toString())).build());
        }

        private static JsonNode send(HttpRequest request) throws Exception {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s → %s", request.uri(), response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
