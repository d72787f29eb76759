package io.attemptlake.ingest;

import io.attemptlake.testsupport.Http;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.Samples;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class OperationsTest extends IngestIntegrationTest {

    @Test
    void createsTheTopicsAtStartUp() throws ExecutionException, InterruptedException {
        try (Admin admin = kafka().admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(java.util.List.of(topic(), topic() + "-idempotency"))
                    .allTopicNames().get();
            assertThat(topics.get(topic()).partitions()).hasSize(3);
            ConfigResource keys = new ConfigResource(ConfigResource.Type.TOPIC, topic() + "-idempotency");
            assertThat(admin.describeConfigs(java.util.List.of(keys)).all().get().get(keys).get("cleanup.policy").value())
                    .isEqualTo("compact,delete");
        }
    }

    @Test
    void reportsHealthWithKafkaInReadiness() {
        Http.Response readiness = http().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(http().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http().get("/actuator/health").json().get("components").has("kafka")).isTrue();
    }

    @Test
    void exposesOnlyHealthInfoAndPrometheus() {
        assertThat(http().get("/actuator/info").status()).isEqualTo(200);
        for (String hidden : new String[] {"env", "beans", "heapdump", "configprops", "loggers", "threaddump", "mappings"}) {
            assertThat(http().get("/actuator/" + hidden).status()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void countsRecordsPerTenantInPrometheus() {
        http().post("/api/v1/assessments", Samples.realRecord(), "X-API-Key", ACME_KEY, "Content-Type", "application/json");
        http().post("/api/v1/assessments", "{\"exam_name\":\"x\"}", "X-API-Key", ACME_KEY, "Content-Type", "application/json");

        String metrics = http().get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern("ingest_records_accepted_total\\{[^}]*tenant=\"acme\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("ingest_records_rejected_total\\{[^}]*tenant=\"acme\"[^}]*} [1-9]");
        assertThat(metrics).contains("http_server_requests_seconds");
        assertThat(metrics).contains("ingest_kafka_transaction_seconds");
    }

    @Test
    void servesSwaggerWithTheRealRecordAsExample() {
        Http.Response docs = http().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/assessments", "5a6745820eb8ab00016be1f1", "application/x-ndjson");
        assertThat(http().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
