package io.attemptlake.etl.landing;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.source.KafkaSource;
import io.attemptlake.model.topic.AssessmentsTopic;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Rows shaped exactly like Spark's Kafka source gives them, built in memory. */
final class KafkaRows {

    static final StructType SCHEMA = KafkaSource.ROW_SCHEMA;

    private final List<Row> rows = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-23T10:00:00Z");

    KafkaRows add(String tenant, String value) {
        return add(tenant, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    KafkaRows add(String tenant, byte[] value) {
        int offset = rows.size();
        List<Row> headers = tenant == null ? List.of()
                : List.of(RowFactory.create(AssessmentsTopic.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8)));
        clock = clock.plusSeconds(1);
        rows.add(RowFactory.create(("k" + offset).getBytes(StandardCharsets.UTF_8), value, "assessments", 0,
                (long) offset, Timestamp.from(clock), 0, headers));
        return this;
    }

    Dataset<Row> toDataset() {
        return SparkTestSession.get().createDataFrame(rows, SCHEMA);
    }
}
