package io.attemptlake.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.Http;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A broker of its own, so stopping it disturbs no other test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerOutageTest {

    private static final KafkaBroker broker = KafkaBroker.start(RealInfrastructure.newDir("outage-kafka"));
    private static final String TOPIC = AssessmentsTopic.DEFAULT_NAME;
    private static final String[] HEADERS = {"X-API-Key", "pearson-key-0123456789abcdef", "Content-Type", "application/x-ndjson"};

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        IngestIntegrationTest.ingestProperties(registry, broker.bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void answers503WithinTheBoundWhileKafkaIsAwayAndRecoversByItself() {
        Http http = new Http("http://localhost:" + port);
        List<String> before = AttemptGenerator.records(41, 10).toList();
        List<String> during = AttemptGenerator.records(42, 10).toList();
        List<String> after = AttemptGenerator.records(43, 10).toList();
        List<String> lone = AttemptGenerator.records(44, 2).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 200);
        assertThat(http.post("/api/v1/assessments", String.join("\n", before), HEADERS).status()).isEqualTo(201);

        broker.stop();
        long start = System.nanoTime();
        Http.Response refused = http.post("/api/v1/assessments", String.join("\n", during), HEADERS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.println("503 after " + took.toMillis() + " ms");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("outcomeKnown").asBoolean()).isTrue();
        // A lone record goes outside any transaction: it too is answered within the bound.
        start = System.nanoTime();
        Http.Response loneRefused = http.post("/api/v1/assessments", lone.get(0), HEADERS);
        assertThat(loneRefused.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(loneRefused.contentType()).startsWith("application/problem+json");
        // Its producer never had the topic's metadata, so Kafka refused it before queueing it.
        assertThat(loneRefused.json().get("outcomeKnown").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/actuator/health/readiness").status() == 503);

        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/actuator/health/readiness").status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.post("/api/v1/assessments", String.join("\n", after), HEADERS).status() == 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.post("/api/v1/assessments", lone.get(1), HEADERS).status() == 201);

        Set<String> committed = broker.readCommitted(TOPIC).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertThat(committed).containsAll(before).containsAll(after).contains(lone.get(1))
                .doesNotContainAnyElementsOf(during).doesNotContain(lone.get(0));
    }
}
