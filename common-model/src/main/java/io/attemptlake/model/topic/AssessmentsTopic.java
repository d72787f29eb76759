package io.attemptlake.model.topic;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.AttemptIdentity;
import java.util.Locale;
import java.util.Map;

/**
 * The assessments topic's wire contract: what the ingest (and the bench) write and the ETL reads.
 * One message per record; the value is the record's JSON, compacted, exactly as validated; the key
 * is {@link #key}; the headers are {@link #TENANT_HEADER} and {@link #REQUEST_ID_HEADER}. Messages
 * are written in read_committed transactions, one per request.
 */
public final class AssessmentsTopic {

    /** The topic's name unless {@code ingest.kafka.topic} / {@code etl.source.topic} say otherwise. */
    public static final String DEFAULT_NAME = "assessments";

    /** The tenant that published the message, UTF-8: the ETL partitions the lake by it, never by the key. */
    public static final String TENANT_HEADER = "tenant";

    /** The request that carried the message, UTF-8: for support and lineage (the raw table keeps it). */
    public static final String REQUEST_ID_HEADER = "request-id";

    /** Message compression unless {@code ingest.kafka.compression} says otherwise: cheap, ~4x on this JSON. */
    public static final String DEFAULT_COMPRESSION = "lz4";

    /**
     * Kafka producer settings of every writer of the topic: idempotent, acknowledged by every
     * in-sync replica, compressed, batched. The ingest adds its transactions and timeouts; the
     * bench's Kafka floor writes with exactly these, so it measures the same producer.
     */
    public static final Map<String, String> PRODUCER_SETTINGS = Map.of(
            "enable.idempotence", "true",
            "acks", "all",
            "compression.type", DEFAULT_COMPRESSION,
            "linger.ms", "5",
            "batch.size", String.valueOf(256 * 1024),
            "buffer.memory", String.valueOf(64L * 1024 * 1024));

    /**
     * What a reader of the topic gets of each message, as Kafka's clients and Spark's Kafka source
     * name it; the lake's raw and quarantine tables keep every one of them as sent, in this order.
     */
    public enum MessageField {
        /** {@link #key}, UTF-8. */
        KEY,
        /** The record's JSON, compacted, exactly as validated. */
        VALUE,
        TOPIC,
        PARTITION,
        OFFSET,
        /** When the broker appended it (the producer's create time): the order of re-sends. */
        TIMESTAMP,
        /** {@link #TENANT_HEADER} and {@link #REQUEST_ID_HEADER}. */
        HEADERS;

        /** Its name as a column, in the source's rows and in the lake. */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private AssessmentsTopic() {
    }

    /**
     * {@code tenant/attempt}: per tenant, so one tenant's re-sends of an attempt share a partition
     * and stay in order, and two tenants' equal attempt ids never meet.
     */
    public static String key(String tenant, String attemptKey) {
        return tenant + "/" + attemptKey;
    }

    /** The key of a valid record, by {@link AttemptIdentity}. */
    public static String key(String tenant, AssessmentAttempt attempt) {
        return key(tenant, AttemptIdentity.of(attempt));
    }
}
