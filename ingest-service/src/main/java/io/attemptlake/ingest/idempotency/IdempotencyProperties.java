package io.attemptlake.ingest.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retry safety for {@code Idempotency-Key}.
 *
 * @param topic   where keys live: a compacted topic, written in the same transaction as the
 *                request's records, so a key exists exactly when its records were committed
 * @param window  how long a key replays its original answer
 * @param catchUp how long a request waits for this instance to have read every committed key
 * @param partitions partitions of the keys topic when it is created: a transaction left open by a
 *                crashed instance (until Kafka aborts it, 30 s) holds up only the keys of its partition.
 *                Keys are placed by hash: do not add partitions to an existing keys topic
 */
@ConfigurationProperties("ingest.idempotency")
public record IdempotencyProperties(
        @DefaultValue("assessments-idempotency") String topic,
        @DefaultValue("24h") Duration window,
        @DefaultValue("3s") Duration catchUp,
        @DefaultValue("8") int partitions) {
}
