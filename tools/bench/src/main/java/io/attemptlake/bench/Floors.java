package io.attemptlake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.attemptlake.model.topic.AssessmentsTopic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The floors the machine sets, measured beside the pipeline with the same records: a plain
 * idempotent {@code acks=all} producer, and a plain Spark job writing the topic's values to Parquet
 * (the lab's {@code assess.write.parquet}); and the lab's schema-inference approach.
 */
final class Floors implements AutoCloseable {

    /** An offset range of the service's topic, per partition. */
    record Range(Map<Integer, Long> from, Map<Integer, Long> to) {
        long messages() {
            return to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
        }
    }

    private final Stack stack;
    private SparkSession spark;

    Floors(Stack stack) {
        this.stack = stack;
    }

    /** Seconds for a plain producer to send the file's records to a topic of their own, as replicated as the service's. */
    double producer(Path file) throws Exception {
        String topic = "bench-floor-" + System.nanoTime();
        Properties admin = new Properties();
        admin.put("bootstrap.servers", stack.env.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin a = Admin.create(admin)) {
            String served = stack.topic();
            int replicas = a.describeTopics(List.of(served)).allTopicNames().get().get(served).partitions().get(0).replicas().size();
            ConfigResource config = new ConfigResource(ConfigResource.Type.TOPIC, served);
            String minIsr = a.describeConfigs(List.of(config)).all().get().get(config).get("min.insync.replicas").value();
            a.createTopics(List.of(new NewTopic(topic, 3, (short) replicas).configs(Map.of("min.insync.replicas", minIsr))))
                    .all().get();
            // A new topic's partitions get their leaders a moment later: not part of what is measured.
            while (a.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                Thread.sleep(50);
            }
        }
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", stack.env.get("KAFKA_BOOTSTRAP_SERVERS"));
        config.putAll(AssessmentsTopic.PRODUCER_SETTINGS);
        byte[] tenant = "pearson".getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()); BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            long i = 0;
            while ((line = in.readLine()) != null) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        AssessmentsTopic.key("pearson", String.valueOf(i++)).getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8));
                record.headers().add(AssessmentsTopic.TENANT_HEADER, tenant);
                producer.send(record);
            }
            producer.flush();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The service topic's last stable offsets now. */
    Map<Integer, Long> stableOffsets() throws Exception {
        String topic = stack.topic();
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.env.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> offsets = new TreeMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
            return offsets;
        }
    }

    /** Seconds for a plain Spark job to write the range's values to Parquet in HDFS. */
    double spark(Range range) {
        warm();
        long t0 = System.nanoTime();
        kafka(range).selectExpr("CAST(value AS STRING) AS value").write().mode("overwrite")
                .parquet(stack.env.get("HDFS_URI") + "/bench/floor-" + System.nanoTime());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The lab's approach: schema inference over the values, then explode to options, written as Parquet. */
    double inference(Range range) {
        warm();
        long t0 = System.nanoTime();
        Dataset<String> values = kafka(range).selectExpr("CAST(value AS STRING)").as(Encoders.STRING());
        Dataset<Row> attempts = spark.read().json(values);
        Dataset<Row> questions = attempts.select(col("keen_id"), explode(col("sequences.questions")).as("q"));
        questions.select(col("keen_id"), col("q.id").as("question_id"), explode(col("q.options")).as("o"))
                .select("keen_id", "question_id", "o.*")
                .write().mode("overwrite").parquet(stack.env.get("HDFS_URI") + "/bench/inference-" + System.nanoTime());
        return (System.nanoTime() - t0) / 1e9;
    }

    private Dataset<Row> kafka(Range range) {
        String topic = stack.topic();
        return spark.read().format("kafka")
                .option("kafka.bootstrap.servers", stack.env.get("KAFKA_BOOTSTRAP_SERVERS"))
                .option("subscribe", topic)
                .option("startingOffsets", offsets(topic, range.from()))
                .option("endingOffsets", offsets(topic, range.to()))
                .option("kafka.isolation.level", "read_committed")
                .option("kafka.fetch.max.wait.ms", "10") // as the etl-service reads
                .load();
    }

    private static String offsets(String topic, Map<Integer, Long> offsets) {
        StringBuilder sb = new StringBuilder("{\"" + topic + "\":{");
        offsets.forEach((p, o) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append('"').append(p).append("\":").append(o));
        return sb.append("}}").toString();
    }

    /** A SparkSession like the etl-service's, warmed up so the floors do not pay its start. */
    private void warm() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[*]").appName("bench")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.shuffle.partitions", "16")
                    // The etl-service's HDFS close retries, from its own file (built into this jar).
                    .config(hdfsClose())
                    .getOrCreate();
            spark.range(100_000).selectExpr("id % 7 AS k").groupBy("k").count().collectAsList();
        }
    }

    /** The etl-service's own spark-hdfs-close.properties, built into this jar from its resources. */
    private static Map<String, Object> hdfsClose() {
        Properties file = new Properties();
        try (InputStream in = Floors.class.getResourceAsStream("/spark-hdfs-close.properties")) {
            file.load(Objects.requireNonNull(in, "spark-hdfs-close.properties is missing from the class path"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> settings = new HashMap<>();
        file.stringPropertyNames().forEach(key -> settings.put(key, file.getProperty(key)));
        return settings;
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
        }
    }
}
