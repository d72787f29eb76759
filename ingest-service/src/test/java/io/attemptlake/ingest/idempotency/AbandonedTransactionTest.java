package io.attemptlake.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.testsupport.Http;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An instance that dies mid-request leaves its transaction open until Kafka aborts it (the
 * transaction timeout, 30 s). A keyed request waits for the transactions open on its key's
 * partition of the keys topic: one abandoned transaction holds up the keys of its partition, not all.
 */
class AbandonedTransactionTest extends IngestIntegrationTest {

    @Autowired
    private IdempotencyProperties idempotency;

    @DynamicPropertySource
    static void shortCatchUp(DynamicPropertyRegistry registry) {
        registry.add("ingest.idempotency.catch-up", () -> "1s");
    }

    @Test
    void aTransactionLeftOpenByACrashedInstanceHoldsUpOnlyTheKeysOfItsPartition() throws Exception {
        assertThat(post(UUID.randomUUID().toString(), 81, 3).status()).as("the keys topic exists").isEqualTo(201);
        String keys = idempotency.topic();
        int partitions = kafka().admin().describeTopics(List.of(keys)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(keys).partitions().size();
        assertThat(partitions).isEqualTo(idempotency.partitions()).isGreaterThan(1);
        String heldKey = keyOnPartition(0, partitions);
        String freeKey = keyOnPartition(1, partitions);
        int before = committed().size();

        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crashed-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> crashed = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            crashed.initTransactions();
            crashed.beginTransaction();
            crashed.send(new ProducerRecord<>(keys, 0, bytes("pearson/" + UUID.randomUUID()), bytes("{}"))).get(30, TimeUnit.SECONDS);
            // ... and the instance is gone: neither commit nor abort.

            Http.Response free = post(freeKey, 82, 5);
            assertThat(free.status()).as(free.body()).isEqualTo(201);

            Http.Response held = post(heldKey, 83, 7);
            assertThat(held.status()).as(held.body()).isEqualTo(503);
            assertThat(held.json().get("outcomeKnown").asBoolean()).isTrue();
            assertThat(held.header("Retry-After")).isNotBlank();

            crashed.abortTransaction(); // what Kafka does when the transaction times out
        }
        Http.Response retried = post(heldKey, 83, 7);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(committed()).as("5 + 7 records, each once").hasSize(before + 12);
    }

    private Http.Response post(String idempotencyKey, long seed, int records) {
        return http().post("/api/v1/assessments", String.join("\n", AttemptGenerator.records(seed, records).toList()),
                "X-API-Key", PEARSON_KEY, "Content-Type", "application/x-ndjson", "Idempotency-Key", idempotencyKey);
    }

    /** A fresh key whose entry goes to {@code partition}: the producer's hash of keyed records. */
    private static String keyOnPartition(int partition, int partitions) {
        while (true) {
            String key = UUID.randomUUID().toString();
            if (Utils.toPositive(Utils.murmur2(bytes("pearson/" + key))) % partitions == partition) {
                return key;
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
