package io.attemptlake.etl.source;

import io.attemptlake.model.topic.AssessmentsTopic;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The topic runs read.
 *
 * @param bootstrapServers Kafka brokers
 * @param topic            the assessments topic
 * @param onDataLoss       what a run does when offsets it still needed were deleted by retention:
 *                         FAIL (default; nothing is landed, an operator decides) or SKIP (start at
 *                         the earliest offset still there, and say so in the run's record)
 * @param minPartitions    Spark tasks to split the read into; default one per Kafka partition
 * @param timeout          the longest a call to Kafka's admin API may take
 */
@ConfigurationProperties("etl.source")
public record SourceProperties(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue(AssessmentsTopic.DEFAULT_NAME) String topic,
        @DefaultValue("FAIL") OnDataLoss onDataLoss,
        Integer minPartitions,
        @DefaultValue("10s") Duration timeout) {

    public enum OnDataLoss { FAIL, SKIP }
}
