package io.attemptlake.etl.query;

import io.attemptlake.etl.landing.AttemptSchema;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.lake.Table;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables' schemas as the landing writes them, taken from the landing functions themselves
 * (applied to no data), so readers need no schema inference and cannot disagree with the writer.
 */
final class TableSchemas {

    private TableSchemas() {
    }

    static Map<Table, StructType> of(SparkSession spark) {
        StructType kafka = new StructType()
                .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType)
                .add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType)
                .add("offset", DataTypes.LongType).add("timestamp", DataTypes.TimestampType)
                .add("timestampType", DataTypes.IntegerType)
                .add("headers", DataTypes.createArrayType(new StructType()
                        .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType)));
        Dataset<Row> messages = Landing.parse(spark.createDataFrame(List.of(), kafka), "schema");
        Dataset<Row> duplicates = spark.createDataFrame(List.of(), new StructType()
                .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType));
        Dataset<Row> landing = Landing.landing(messages, duplicates);
        Map<Table, StructType> schemas = new EnumMap<>(Table.class);
        schemas.put(Table.RAW, Landing.raw(messages, duplicates).schema());
        schemas.put(Table.QUARANTINE, Landing.quarantine(messages).schema());
        schemas.put(Table.ATTEMPTS, Landing.attempts(landing).schema());
        schemas.put(Table.QUESTIONS, Landing.questions(landing).schema());
        schemas.put(Table.OPTIONS, Landing.options(landing).schema());
        AttemptSchema.wire(); // the record's schema is the root of all of these
        return schemas;
    }
}
