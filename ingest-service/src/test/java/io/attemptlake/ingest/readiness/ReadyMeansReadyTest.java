package io.attemptlake.ingest.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.ingest.IngestApplication;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.TestTenant;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ready means a request would be answered 201: on a fresh broker, the transaction coordinator
 * comes up seconds after topics can be created, and an ingest that said ready before it did
 * answered its first POSTs 503 ("Timeout expired while awaiting InitProducerId").
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
class ReadyMeansReadyTest {

    private static final String KEY = TestTenant.PEARSON.key();

    @Test
    void aFreshIngestOnAFreshBrokerTakesItsFirstPostTheMomentItIsReady() {
        String batch = String.join("\n", AttemptGenerator.records(5, 50).toList());
        for (int i = 1; i <= 20; i++) {
            try (KafkaBroker broker = KafkaBroker.start(RealInfrastructure.newDir("ready-kafka"));
                 ConfigurableApplicationContext ingest = start(broker.bootstrapServers())) {
                Http http = new Http("http://localhost:" + ((WebServerApplicationContext) ingest).getWebServer().getPort());
                await("fresh start " + i + ": ready within 90 s").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> http.get("/actuator/health/readiness").status() == 200);
                Http.Response first = http.post("/api/v1/assessments", batch,
                        "X-API-Key", KEY, "Content-Type", "application/x-ndjson");
                assertThat(first.status()).as("fresh start %d: the first POST once ready: %s", i, first.body()).isEqualTo(201);
                assertThat(first.json().get("accepted").asInt()).isEqualTo(50);
                // Committed; readers see it once the coordinator's markers are written, a moment later.
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                        assertThat(broker.readCommitted(AssessmentsTopic.DEFAULT_NAME)).hasSize(50));
            }
        }
    }

    private static ConfigurableApplicationContext start(String bootstrapServers) {
        return new SpringApplicationBuilder(IngestApplication.class).run(TestTenant.withAll("ingest.auth",
                "--server.port=0",
                "--ingest.kafka.bootstrap-servers=" + bootstrapServers,
                "--ingest.kafka.instance-id=ready-" + UUID.randomUUID()));
    }
}
