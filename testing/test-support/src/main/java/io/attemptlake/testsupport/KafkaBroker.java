package io.attemptlake.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real Kafka broker (KRaft, Kafka's own server) in a child process, with the helpers tests need:
 * create topics, and read back everything a {@code read_committed} consumer can see.
 */
public final class KafkaBroker implements AutoCloseable {

    private final LocalStackProcess process;
    private final int port;

    private KafkaBroker(Path dir) {
        this.port = Ports.free();
        this.process = new LocalStackProcess("kafka", dir, List.of(
                "--port", String.valueOf(port), "--controller-port", String.valueOf(Ports.free())));
    }

    /** Starts a new broker with its own storage under {@code dir}. */
    public static KafkaBroker start(Path dir) {
        KafkaBroker broker = new KafkaBroker(dir);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** (Re)starts the broker on the same port and storage. */
    public void start() {
        process.start(Duration.ofSeconds(90));
    }

    /** Clean shutdown; {@link #start()} brings it back with its data. */
    public void stop() {
        process.stop();
    }

    /** kill -9. */
    public void kill() {
        process.kill();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }

    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record a read_committed consumer sees in {@code topic}, in partition then offset order. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        Properties uncommitted = new Properties();
        uncommitted.putAll(props);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> written =
                     new KafkaConsumer<>(uncommitted, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // A commit's markers reach its partitions just after commitTransaction() returns (the 2xx):
            // until they do, the last stable offset stays before its records. Give them a moment to
            // arrive; a transaction a test leaves open on purpose keeps the offset back, and is waited
            // for no longer than that.
            Map<TopicPartition, Long> stable = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!stable.equals(written.endOffsets(partitions, Duration.ofSeconds(10))) && System.nanoTime() < settle) {
                LocalStackProcess.sleep(20);
                stable = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            }
            Map<TopicPartition, Long> end = stable;
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort((a, b) -> a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    public Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get().stream().collect(Collectors.toSet());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.stop();
    }
}
