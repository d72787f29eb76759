package io.attemptlake.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.testsupport.Http;
import io.attemptlake.ingest.IngestApplication;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import io.attemptlake.testsupport.TestTenant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Keys live in Kafka, not in memory: a restarted service (or another instance) still knows them. */
@RealKafka
class IdempotencyAcrossRestartTest {

    private static final String KEY = TestTenant.PEARSON.key();

    private static ConfigurableApplicationContext start(KafkaBroker kafka, String topic, String instance) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).run(TestTenant.withAll("ingest.auth",
                "--server.port=0",
                "--ingest.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--ingest.kafka.topic=" + topic,
                "--ingest.idempotency.topic=" + topic + "-idempotency",
                "--ingest.kafka.instance-id=" + instance));
        IngestIntegrationTest.awaitReady(http(context));
        return context;
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static Http.Response post(ConfigurableApplicationContext context, String key, String body) {
        return http(context).post("/api/v1/assessments", body,
                "X-API-Key", KEY, "Content-Type", "application/x-ndjson", "Idempotency-Key", key);
    }

    @Test
    void aKeyIsHonouredAfterARestartAndByAnotherInstance() {
        KafkaBroker kafka = RealInfrastructure.kafka();
        String topic = "assessments-" + UUID.randomUUID();
        String body = String.join("\n", AttemptGenerator.records(31, 50).toList());
        String idempotencyKey = UUID.randomUUID().toString();

        Http.Response first;
        try (ConfigurableApplicationContext before = start(kafka, topic, "a")) {
            first = post(before, idempotencyKey, body);
            assertThat(first.status()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext after = start(kafka, topic, "a");
             ConfigurableApplicationContext other = start(kafka, topic, "b")) {
            Http.Response retried = post(after, idempotencyKey, body);
            Http.Response elsewhere = post(other, idempotencyKey, body);

            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retried.json()).isEqualTo(first.json());
            assertThat(elsewhere.header("Idempotent-Replayed")).isEqualTo("true");
        }
        assertThat(kafka.readCommitted(topic)).hasSize(50);
    }
}
