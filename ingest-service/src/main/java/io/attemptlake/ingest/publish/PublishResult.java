package io.attemptlake.ingest.publish;

import java.util.List;

/**
 * What a 201 says: how many records, and exactly where they are in Kafka.
 *
 * @param requestId  this request's id, also the {@code request-id} header of each of its records
 * @param tenant     who published them
 * @param accepted   records written
 * @param topic      the topic
 * @param partitions per partition: first and last offset, and how many records
 */
public record PublishResult(String requestId, String tenant, int accepted, String topic, List<PartitionRange> partitions) {

    public record PartitionRange(int partition, long firstOffset, long lastOffset, int records) {
    }
}
