package io.attemptlake.etl.landing;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.StagedFile;
import io.attemptlake.etl.lake.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka rows landed as a run lands them (parse, choose, the one-pass writer) into a local
 * directory, and the five tables read back from their files as a plain Spark reader would.
 */
final class Landed {

    static final StructType KEYS = new StructType().add("tenant", DataTypes.StringType).add("attempt_key", DataTypes.StringType);

    final Map<Table, Dataset<Row>> tables = new EnumMap<>(Table.class);
    final Landing.Choice choice;
    final List<StagedFile> files;

    private Landed(Landing.Choice choice, List<StagedFile> files) {
        this.choice = choice;
        this.files = files;
    }

    static Landed land(KafkaRows rows) {
        return land(rows.toDataset(), List.of());
    }

    static Landed land(Dataset<Row> kafka, List<Row> landedKeys) {
        SparkSession spark = SparkTestSession.get();
        RDD<InternalRow> held = Landing.parsedRows(kafka, "now", Erased.NONE).cache();
        try {
            Landing.Choice choice = Landing.choose(SparkRows.dataset(spark, held, Landing.parsedSchema()),
                    spark.createDataFrame(landedKeys, KEYS));
            java.nio.file.Path dir = Files.createTempDirectory("landed-");
            Map<Table, Path> roots = new EnumMap<>(Table.class);
            for (Table t : Table.values()) {
                roots.put(t, new Path(dir.toUri().toString(), t.path()));
            }
            Landed landed = new Landed(choice, BatchWriter.write(spark, held, choice, roots, 0));
            for (Table t : Table.values()) {
                String root = roots.get(t).toString();
                landed.tables.put(t, landed.files.stream().anyMatch(f -> f.table() == t)
                        ? spark.read().schema(LakeTables.schema(t)).option("basePath", root).parquet(root).cache()
                        : spark.createDataFrame(List.of(), LakeTables.schema(t)));
                landed.tables.get(t).count();
            }
            return landed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.unpersist(false);
        }
    }

    Dataset<Row> table(Table t) {
        return tables.get(t);
    }
}
