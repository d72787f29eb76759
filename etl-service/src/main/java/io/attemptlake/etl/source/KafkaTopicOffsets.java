package io.attemptlake.etl.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The topic's offsets as Kafka's Admin client reads them. */
@Component
public class KafkaTopicOffsets implements TopicOffsets, DisposableBean {

    private final SourceProperties properties;
    private final Admin admin;

    public KafkaTopicOffsets(SourceProperties properties) {
        this.properties = properties;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        int timeout = (int) properties.timeout().toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        this.admin = Admin.create(props);
    }

    @Override
    public Snapshot snapshot() {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(properties.topic())).allTopicNames()
                    .get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .get(properties.topic()).partitions().stream()
                    .map(p -> new TopicPartition(properties.topic(), p.partition()))
                    .toList();
            return new Snapshot(offsets(partitions, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED),
                    offsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new SourceUnavailable("topic " + properties.topic() + " does not exist (yet)", e.getCause());
            }
            throw new SourceUnavailable("cannot read the offsets of " + properties.topic() + ": " + e.getCause(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SourceUnavailable("Kafka did not answer within " + properties.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailable("interrupted", e);
        }
    }

    private SortedMap<Integer, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation)
            throws java.util.concurrent.ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(isolation));
        SortedMap<Integer, Long> offsets = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            offsets.put(tp.partition(), result.partitionResult(tp).get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS).offset());
        }
        return offsets;
    }

    @Override
    public String unreachableReason() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
