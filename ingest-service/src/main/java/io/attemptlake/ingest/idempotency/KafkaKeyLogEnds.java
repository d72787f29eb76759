package io.attemptlake.ingest.idempotency;

import io.attemptlake.ingest.publish.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The end offsets as the broker has them, read_uncommitted (why: {@link IdempotencyStore}'s catch-up). */
@Component
class KafkaKeyLogEnds implements KeyLogEnds, DisposableBean {

    private final Admin admin;
    private final Duration timeout;

    KafkaKeyLogEnds(IdempotencyProperties properties, KafkaSettings kafka) {
        this.timeout = properties.catchUp();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(props);
    }

    @Override
    public long written(TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (Exception e) {
            throw new IdempotencyStore.IdempotencyUnavailable("cannot read the idempotency keys' end offsets: " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
