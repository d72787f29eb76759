package io.attemptlake.etl.source;

import io.attemptlake.etl.offsets.ReadPlan;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.springframework.stereotype.Component;

/**
 * The topic as a Spark batch: exactly the planned offset range of each partition, read_committed
 * (aborted transactions and refused requests never appear), with headers (the tenant).
 */
@Component
public class KafkaSource {

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
        if (properties.minPartitions() != null) {
            reader = reader.option("minPartitions", properties.minPartitions().toString());
        }
        return reader.load();
    }

    private String offsetsJson(Map<Integer, Long> offsets) {
        return "{\"" + properties.topic() + "\":{" + offsets.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",")) + "}}";
    }
}
