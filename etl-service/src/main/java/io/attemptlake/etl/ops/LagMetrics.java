package io.attemptlake.etl.ops;

import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.Manifest;
import io.attemptlake.etl.source.TopicOffsets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** {@code etl_kafka_lag{partition}}: messages committed to the topic but not landed yet. */
@Component
public class LagMetrics {

    private final TopicOffsets topic;
    private final CommitProtocol commits;
    private final MultiGauge lag;

    public LagMetrics(TopicOffsets topic, CommitProtocol commits, MeterRegistry meters) {
        this.topic = topic;
        this.commits = commits;
        this.lag = MultiGauge.builder("etl.kafka.lag")
                .description("Last stable offset minus the last landed offset, per partition")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${etl.metrics.lag-interval:30s}", initialDelayString = "5s")
    public void refresh() {
        try {
            TopicOffsets.Snapshot now = topic.snapshot();
            Map<Integer, Long> landed = commits.lastCommitted().map(Manifest::endOffsets).orElseGet(TreeMap::new);
            lag.register(now.stable().entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("partition", String.valueOf(e.getKey())),
                            e.getValue() - landed.getOrDefault(e.getKey(), now.earliest().get(e.getKey()))))
                    .toList(), true);
        } catch (RuntimeException e) {
            // Kafka or HDFS away: keep the last values; readiness reports the outage.
        }
    }
}
