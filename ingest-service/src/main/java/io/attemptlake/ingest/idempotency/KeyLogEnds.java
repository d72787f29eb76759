package io.attemptlake.ingest.idempotency;

import org.apache.kafka.common.TopicPartition;

/**
 * How far a partition of the keys' topic has been written, committed or not: the store waits until
 * its tail has read that far before it calls a key unknown.
 */
public interface KeyLogEnds {

    /** @throws IdempotencyStore.IdempotencyUnavailable when it cannot be known now (Kafka away) */
    long written(TopicPartition partition);
}
