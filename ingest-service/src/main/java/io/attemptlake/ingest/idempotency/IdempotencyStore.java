package io.attemptlake.ingest.idempotency;

import io.attemptlake.ingest.publish.AssessmentPublisher;
import io.attemptlake.ingest.publish.KafkaSettings;
import io.attemptlake.ingest.publish.PublishResult;
import io.attemptlake.ingest.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remembers, per tenant and {@code Idempotency-Key}, the answer given to a committed request.
 *
 * <p>The keys live in a compacted Kafka topic, each written in the same transaction as the request's
 * records; this store is a cache of that topic, filled by tailing it with read_committed. A key is
 * therefore known exactly when its records are visible, across restarts and across instances.
 * Before a key is declared unknown, the store reads the key's partition up to everything written to
 * it so far, and so waits for the transactions open there at that moment to end: a retry of a request whose commit went
 * unanswered must see that commit if it happens, whichever instance the retry reaches.
 */
@Component
public class IdempotencyStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    /** What a committed request answered. */
    record Entry(String fingerprint, PublishResult result, Instant at) {
    }

    /** The answer to "may this keyed request go ahead?". */
    public sealed interface Decision permits Replay, Conflict, InProgress, Proceed {
    }

    /** The same key and body were committed before: answer as then. */
    public record Replay(PublishResult result) implements Decision {
    }

    /** The key was used for a different body. */
    public record Conflict() implements Decision {
    }

    /** A request with the key is being published right now. */
    public record InProgress() implements Decision {
    }

    /** Unknown key: publish, with {@link #companion} in the same transaction, then {@link #release}. */
    public record Proceed(String storeKey, AssessmentPublisher.Companion companion) implements Decision {
    }

    private final IdempotencyProperties properties;
    private final KafkaSettings kafka;
    private final JsonMapper json;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private volatile int partitionCount; // as the tail found the topic; 0 until it has
    private final KeyLogEnds ends;
    private volatile boolean loaded;
    private volatile boolean stopping;
    private Thread tail;

    public IdempotencyStore(IdempotencyProperties properties, KafkaSettings kafka, JsonMapper json, KeyLogEnds ends) {
        this.properties = properties;
        this.kafka = kafka;
        this.json = json;
        this.ends = ends;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        tail = new Thread(this::tailTopic, "idempotency-tail");
        tail.setDaemon(true);
        tail.start();
    }

    public boolean loaded() {
        return loaded;
    }

    public Decision claim(Tenant tenant, IdempotencyKey key, String fingerprint) {
        String storeKey = tenant.id() + "/" + key.value();
        if (!inFlight.add(storeKey)) {
            return new InProgress();
        }
        try {
            byte[] recordKey = storeKey.getBytes(StandardCharsets.UTF_8);
            TopicPartition home = null;
            Entry entry = live(storeKey);
            if (entry == null) {
                home = awaitCaughtUp(recordKey);
                entry = live(storeKey);
            }
            if (entry != null) {
                inFlight.remove(storeKey);
                return entry.fingerprint().equals(fingerprint) ? new Replay(entry.result()) : new Conflict();
            }
            return new Proceed(storeKey, new AssessmentPublisher.Companion(properties.topic(), home.partition(), recordKey,
                    result -> json.writeValueAsBytes(new Entry(fingerprint, result, Instant.now()))));
        } catch (RuntimeException e) {
            inFlight.remove(storeKey);
            throw e;
        }
    }

    /** The request was committed with this result. */
    public void completed(Proceed claim, String fingerprint, PublishResult result) {
        entries.put(claim.storeKey(), new Entry(fingerprint, result, Instant.now()));
    }

    public void release(Proceed claim) {
        inFlight.remove(claim.storeKey());
    }

    private Entry live(String storeKey) {
        Entry entry = entries.get(storeKey);
        return entry != null && entry.at().isAfter(Instant.now().minus(properties.window())) ? entry : null;
    }

    /**
     * Waits until every entry written so far to the key's partition, committed or not, is settled
     * and read; else the answer would be a guess. Every entry of a key goes to one partition (the
     * producer's hash for keyed records, given explicitly), so only that partition is waited for: a
     * transaction left open elsewhere, by an instance that crashed mid-request, holds up other keys.
     * The end offset is read_uncommitted on purpose: the tail reads read_committed, so it passes an
     * offset only once the transaction that wrote it has ended. Up to the last committed offset would
     * not do: a transaction still completing its commit (a broker lost, the answer lost) would commit
     * its key after "unknown" was answered.
     *
     * @return the key's partition
     */
    private TopicPartition awaitCaughtUp(byte[] recordKey) {
        long deadline = System.nanoTime() + properties.catchUp().toNanos();
        int partitions = partitionCount;
        if (partitions == 0) {
            throw new IdempotencyUnavailable("idempotency keys are not loaded yet", null);
        }
        TopicPartition home = new TopicPartition(properties.topic(), Utils.toPositive(Utils.murmur2(recordKey)) % partitions);
        long written = ends.written(home);
        while (positions.getOrDefault(home.partition(), 0L) < written) {
            if (System.nanoTime() > deadline) {
                throw new IdempotencyUnavailable("idempotency keys are not loaded up to date, or a transaction "
                        + "writing one has not ended yet", null);
            }
            if (!slept(5)) {
                throw new IdempotencyUnavailable("interrupted while reading the idempotency keys", null);
            }
        }
        return home;
    }

    private void tailTopic() {
        while (!stopping) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<PartitionInfo> infos = consumer.partitionsFor(properties.topic(), Duration.ofSeconds(5));
                if (infos == null || infos.isEmpty()) {
                    stopping |= !slept(1000);
                    continue;
                }
                List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                found(partitions.size());
                seekToWindowStart(consumer, partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                long lastSweep = System.nanoTime();
                while (!stopping) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        remember(record.key(), record.value(), record.offset());
                    }
                    partitions.forEach(tp -> readUpTo(tp.partition(), consumer.position(tp)));
                    if (!loaded && partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                        loaded = true;
                        log.info("Idempotency keys loaded: {} within the {} window", entries.size(), properties.window());
                    }
                    if (System.nanoTime() - lastSweep > TimeUnit.MINUTES.toNanos(1)) {
                        Instant oldest = Instant.now().minus(properties.window());
                        entries.values().removeIf(e -> e.at().isBefore(oldest));
                        lastSweep = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                if (!stopping) {
                    log.warn("Idempotency key reader restarting: {}", e.getMessage());
                    stopping |= !slept(1000);
                }
            }
        }
    }

    private void seekToWindowStart(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        long from = Instant.now().minus(properties.window()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = starts.get(tp);
            if (start != null) {
                consumer.seek(tp, start.offset());
            } else {
                consumer.seekToEnd(List.of(tp));
            }
        }
    }

    // What the tail learns, in the order it learns it: the topic's partitions, each committed
    // entry, and how far each partition has been read.
    void found(int partitions) {
        partitionCount = partitions;
    }

    void remember(byte[] key, byte[] value, long offset) {
        if (key == null || value == null) {
            return;
        }
        try {
            Entry entry = json.readValue(value, Entry.class);
            entries.put(new String(key, StandardCharsets.UTF_8), entry);
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable idempotency entry at offset {}: {}", offset, e.getMessage());
        }
    }

    void readUpTo(int partition, long position) {
        positions.put(partition, position);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }

    /** False when interrupted: a waiting claim gives up (503), the tail stops. */
    private static boolean slept(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void destroy() {
        stopping = true;
    }

    /** Keys cannot be checked right now (Kafka away): the request must be retried later. */
    public static class IdempotencyUnavailable extends RuntimeException {
        public IdempotencyUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
