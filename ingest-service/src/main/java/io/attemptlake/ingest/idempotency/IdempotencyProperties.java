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
 */
@ConfigurationProperties("ingest.idempotency")
public record IdempotencyProperties(
        @DefaultValue("assessments-idempotency") String topic,
        @DefaultValue("24h") Duration window,
        @DefaultValue("3s") Duration catchUp) {
}
