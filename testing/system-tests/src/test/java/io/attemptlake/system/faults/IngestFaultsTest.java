package io.attemptlake.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.system.deploy.Roots;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.Ports;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.ServiceProcess;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults under concurrent load, with real processes: the ingest-service as {@code java -jar}, a
 * Kafka broker of its own. Clients retry with the same Idempotency-Key as a careful client would.
 * Afterwards every acknowledged request's records are in the topic exactly once, a request given up
 * on is all there or not at all, and nothing else is there.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
class IngestFaultsTest {

    private static final String KEY = TestTenant.PEARSON.key();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One client request and how it ended. */
    private record Sent(List<String> records, String outcome) {
    }

    @Test
    void aBrokerStoppedDuringConcurrentPostsLosesNoAcknowledgedRecordAndDuplicatesNone() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(RealInfrastructure.newDir("faults-kafka"));
             IngestProcess ingest = new IngestProcess(broker.bootstrapServers())) {
            ingest.start();
            List<Sent> sent = underLoad(ingest, 24, () -> {
                sleep(5_000);
                broker.stop();
                sleep(8_000);
                broker.start();
            });
            check(broker, sent);
        }
    }

    @Test
    void anIngestKilledMidLoadLosesNoAcknowledgedRecordAndDuplicatesNone() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(RealInfrastructure.newDir("faults-kafka-2"));
             IngestProcess ingest = new IngestProcess(broker.bootstrapServers())) {
            ingest.start();
            List<Sent> sent = underLoad(ingest, 24, () -> {
                sleep(5_000);
                ingest.kill();
                ingest.start(); // same transactional ids: the dead one's open transactions are aborted
            });
            check(broker, sent);
        }
    }

    /** Four clients post 20-record NDJSON requests for {@code seconds} while {@code fault} runs. */
    private static List<Sent> underLoad(IngestProcess ingest, int seconds, Runnable fault) throws Exception {
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger seeds = new AtomicInteger(10_000);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (loading.get()) {
                    List<String> records = AttemptGenerator.records(seeds.getAndIncrement(), 20).toList();
                    sent.add(new Sent(records, postWithRetries(ingest, records)));
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
        return new ArrayList<>(sent);
    }

    /** 201 → "acked"; retried for up to 60 s on 503, 5xx and lost connections, then "gave up". */
    private static String postWithRetries(IngestProcess ingest, List<String> records) throws InterruptedException {
        String idempotencyKey = UUID.randomUUID().toString();
        byte[] body = String.join("\n", records).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/api/v1/assessments"))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-API-Key", KEY).header("Content-Type", "application/x-ndjson")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    return "acked";
                }
                if (response.statusCode() != 503 && response.statusCode() != 409 && response.statusCode() < 500) {
                    return "refused " + response.statusCode() + " " + response.body();
                }
            } catch (IOException e) {
                // The service is down or went away mid-request: outcome unknown, retry with the same key.
            }
            Thread.sleep(250);
        }
        return "gave up";
    }

    private static void check(KafkaBroker broker, List<Sent> sent) {
        Map<String, Long> inTopic = broker.readCommitted(AssessmentsTopic.DEFAULT_NAME).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Long> expected = new HashMap<>();
        long acked = 0;
        List<String> problems = new ArrayList<>();
        for (Sent s : sent) {
            Map<String, Long> mine = s.records().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long present = mine.keySet().stream().filter(inTopic::containsKey).count();
            if (s.outcome().equals("acked")) {
                acked++;
                mine.forEach((v, n) -> expected.merge(v, n, Long::sum));
            } else if (s.outcome().equals("gave up") && present == mine.size()) {
                mine.forEach((v, n) -> expected.merge(v, n, Long::sum)); // all of it landed: allowed
            } else if (present != 0) {
                problems.add(s.outcome() + ": " + present + " of " + mine.size() + " records in the topic");
            }
        }
        System.out.printf("faults: %d requests, %d acknowledged, outcomes %s, %d records in the topic%n", sent.size(), acked,
                sent.stream().collect(Collectors.groupingBy(s -> s.outcome().split(" ")[0], Collectors.counting())),
                inTopic.values().stream().mapToLong(Long::longValue).sum());
        assertThat(acked).as("load actually ran").isGreaterThan(20);
        assertThat(problems).as("refused or abandoned requests partly in the topic").isEmpty();
        assertThat(inTopic).as("every acknowledged record exactly once, nothing else").isEqualTo(expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ingest-service jar as ./pipeline starts it, on a free port; kill() is SIGKILL. */
    private static final class IngestProcess implements AutoCloseable {
        private final String bootstrap;
        private final int port = Ports.free();
        private final Path log;
        private Process process;

        IngestProcess(String bootstrap) throws IOException {
            this.bootstrap = bootstrap;
            this.log = Files.createTempFile("ingest-faults", ".log");
        }

        String url() {
            return "http://localhost:" + port;
        }

        synchronized void start() {
            try {
                Path jar = Roots.root().resolve("ingest-service/target/ingest-service.jar");
                process = new ProcessBuilder(TestTenant.withAll("ingest.auth", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                        "--server.port=" + port,
                        "--ingest.kafka.bootstrap-servers=" + bootstrap,
                        "--ingest.kafka.instance-id=faults",
                        "--ingest.kafka.max-block=2s",
                        "--ingest.limits.requests-per-second=100000", "--ingest.limits.request-burst=100000"))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                ServiceProcess.awaitReady("ingest-service", process, url(), log, Duration.ofSeconds(90));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        synchronized void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public synchronized void close() {
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
