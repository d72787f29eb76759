package io.attemptlake.etl;

import io.attemptlake.model.json.AttemptReader;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes to a topic as the ingest-service does (one transaction, tenant header), or as kafkacat. */
public final class TopicWriter implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<byte[], byte[]> transactional;
    private final KafkaProducer<byte[], byte[]> plain;

    public TopicWriter(KafkaBroker kafka, String topic) {
        this.topic = topic;
        kafka.createTopic(topic, 3);
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("acks", "all");
        config.put("compression.type", "lz4");
        config.put("linger.ms", 5);
        this.plain = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        config.put("transactional.id", "etl-test-" + UUID.randomUUID());
        this.transactional = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        transactional.initTransactions();
    }

    /** Like one ingest request: all records in one committed transaction, keyed by attempt. */
    public void publish(String tenant, List<String> records) {
        transactional.beginTransaction();
        records.forEach(r -> transactional.send(record(tenant, r)));
        transactional.commitTransaction();
    }

    /** As {@link #publish}, with the records' Kafka timestamps (their ingest_date) set to {@code at}. */
    public void publishAt(String tenant, List<String> records, java.time.Instant at) {
        transactional.beginTransaction();
        records.forEach(r -> {
            ProducerRecord<byte[], byte[]> now = record(tenant, r);
            transactional.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), now.key(), now.value(), now.headers()));
        });
        transactional.commitTransaction();
    }

    /** Written, then aborted: a read_committed reader must never see these. */
    public void publishAborted(String tenant, List<String> records) {
        transactional.beginTransaction();
        records.forEach(r -> transactional.send(record(tenant, r)));
        transactional.flush();
        transactional.abortTransaction();
    }

    /** Like kafkacat: any bytes, any headers, no transaction. */
    public void publishRaw(byte[] value, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        plain.send(record);
        plain.flush();
    }

    private ProducerRecord<byte[], byte[]> record(String tenant, String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        AttemptReader.Result parsed = AttemptReader.read(value);
        String key = parsed instanceof AttemptReader.Accepted a ? AssessmentsTopic.key(tenant, a.attempt())
                : AssessmentsTopic.key(tenant, UUID.randomUUID().toString());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add(new RecordHeader(AssessmentsTopic.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    @Override
    public void close() {
        transactional.close();
        plain.close();
    }
}
