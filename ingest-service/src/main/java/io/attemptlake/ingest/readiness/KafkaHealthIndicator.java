package io.attemptlake.ingest.readiness;

import io.attemptlake.ingest.idempotency.IdempotencyStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness on Kafka: reachable, topics in place, a transaction committed, idempotency keys loaded. Goes DOWN while the
 * broker is away and comes back by itself when it returns.
 */
@Component("kafka")
public class KafkaHealthIndicator implements HealthIndicator {

    private final TopicProvisioner topics;
    private final IdempotencyStore idempotency;

    public KafkaHealthIndicator(TopicProvisioner topics, IdempotencyStore idempotency) {
        this.topics = topics;
        this.idempotency = idempotency;
    }

    @Override
    public Health health() {
        String unreachable = topics.unreachableReason();
        if (unreachable != null) {
            return Health.down().withDetail("reason", "Kafka unreachable: " + unreachable).build();
        }
        if (!topics.provisioned()) {
            return Health.down().withDetail("reason", "topics not created yet").build();
        }
        if (!topics.transactionsReady()) {
            return Health.down().withDetail("reason", "transactions cannot commit yet").build();
        }
        if (!idempotency.loaded()) {
            return Health.down().withDetail("reason", "idempotency keys still loading").build();
        }
        return Health.up().build();
    }
}
