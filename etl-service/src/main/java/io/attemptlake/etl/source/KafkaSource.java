package io.attemptlake.etl.source;

import io.attemptlake.model.topic.AssessmentsTopic.MessageField;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.springframework.stereotype.Component;

/**
 * The topic as a Spark batch: exactly the planned offset range of each partition, read_committed
 * (aborted transactions and refused requests never appear), with headers (the tenant).
 */
@Component
public class KafkaSource {

    /** A read of fewer offsets runs one task per partition: splitting would cost more than it spreads. */
    static final long SPLIT_FROM = 50_000;

    /** The rows the source gives, one per message (Spark's Kafka source schema, headers included). */
    public static final StructType ROW_SCHEMA = new StructType()
            .add(MessageField.KEY.column(), DataTypes.BinaryType)
            .add(MessageField.VALUE.column(), DataTypes.BinaryType)
            .add(MessageField.TOPIC.column(), DataTypes.StringType)
            .add(MessageField.PARTITION.column(), DataTypes.IntegerType)
            .add(MessageField.OFFSET.column(), DataTypes.LongType)
            .add(MessageField.TIMESTAMP.column(), DataTypes.TimestampType)
            .add("timestampType", DataTypes.IntegerType)
            .add(MessageField.HEADERS.column(), DataTypes.createArrayType(new StructType()
                    .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType)));

    private final SourceProperties properties;

    public KafkaSource(SourceProperties properties) {
        this.properties = properties;
    }

    public Dataset<Row> read(SparkSession spark, ReadPlan plan) {
        DataFrameReader reader = spark.read().format("kafka")
                .option("kafka.bootstrap.servers", properties.bootstrapServers())
                .option("assign", "{\"" + properties.topic() + "\":" + plan.partitionsToRead() + "}")
                .option("startingOffsets", offsetsJson(plan.start()))
                .option("endingOffsets", offsetsJson(plan.end()))
                .option("kafka.isolation.level", "read_committed")
                // The range's end is known: a broker holding a fetch open for new data (500 ms by
                // default) only delays the task that reads up to the log's end.
                .option("kafka.fetch.max.wait.ms", "10")
                .option("includeHeaders", "true")
                // Retention losses were checked against the plan; losing data while reading still fails.
                .option("failOnDataLoss", "true");
        int tasks = properties.minPartitions() != null ? properties.minPartitions()
                : plan.offsets() >= SPLIT_FROM ? 2 * spark.sparkContext().defaultParallelism() : 0;
        if (tasks > plan.end().size()) {
            // Two tasks a core, each a slice of a partition's range: no core idles for the last third.
            reader = reader.option("minPartitions", String.valueOf(tasks));
        }
        return reader.load();
    }

    private String offsetsJson(Map<Integer, Long> offsets) {
        return "{\"" + properties.topic() + "\":{" + offsets.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",")) + "}}";
    }
}
