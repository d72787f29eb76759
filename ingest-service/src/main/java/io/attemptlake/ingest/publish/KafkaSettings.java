package io.attemptlake.ingest.publish;

import io.attemptlake.model.topic.AssessmentsTopic;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how records are written.
 *
 * @param bootstrapServers   Kafka brokers
 * @param topic              the assessments topic, created at start-up if missing
 * @param partitions         its partitions when created (Spark reads one task per partition)
 * @param replicationFactor  its replication when created (3 on a cluster)
 * @param minInsyncReplicas  with acks=all, how many replicas must have a record before a 2xx
 * @param instanceId         unique and stable per replica (e.g. the StatefulSet pod name): the
 *                           transactional ids derive from it, so a restarted replica fences and
 *                           settles its predecessor's open transactions at once
 * @param producers          transactional producers, i.e. transactions written concurrently
 * @param groupMaxSize       group commit: requests waiting together share one transaction up to
 *                           this many bytes of records (a larger request has one to itself)
 * @param groupLinger        group commit: how long a free producer waits for more requests before
 *                           it writes what it has (0: never; batching then grows with load alone)
 * @param maxBlock           the longest any one Kafka call may block; with the timeouts derived
 *                           from it a request gets its answer within about 4x this
 * @param compression        producer compression ({@code AssessmentsTopic.DEFAULT_COMPRESSION} unless set)
 * @param producer           any further producer settings, passed as is
 */
@ConfigurationProperties("ingest.kafka")
public record KafkaSettings(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue(AssessmentsTopic.DEFAULT_NAME) String topic,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        String instanceId,
        @DefaultValue("4") int producers,
        @DefaultValue("4MB") DataSize groupMaxSize,
        @DefaultValue("0ms") Duration groupLinger,
        @DefaultValue("2s") Duration maxBlock,
        @DefaultValue(AssessmentsTopic.DEFAULT_COMPRESSION) String compression,
        @DefaultValue Map<String, String> producer) {

    public KafkaSettings {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = hostname();
        }
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ingest";
        }
    }
}
