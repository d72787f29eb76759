package io.attemptlake.etl;

import io.attemptlake.etl.lake.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the lake as a plain reader would: Spark on the table directories, no protocol. */
public final class LakeReader {

    private final SparkSession spark = SparkTestSession.get();
    private final String base;

    public LakeReader(String base) {
        this.base = base;
    }

    public Dataset<Row> table(Table table) {
        return spark.read().parquet(base + "/" + table.path());
    }

    public boolean exists(Table table) {
        return !files(table).isEmpty();
    }

    public long count(Table table) {
        return exists(table) ? table(table).count() : 0;
    }

    /** The table's rows without the run id, as sorted strings: comparable across lakes. */
    public List<String> contents(Table table) {
        if (!exists(table)) {
            return List.of();
        }
        Dataset<Row> rows = table(table).drop("run_id");
        if (Arrays.asList(rows.columns()).contains("headers")) {
            rows = rows.withColumn("headers", org.apache.spark.sql.functions.expr(
                    "to_json(transform(headers, h -> named_struct('k', h.key, 'v', cast(h.value as string))))"));
        }
        String[] columns = rows.columns();
        Arrays.sort(columns);
        return rows.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    public List<Path> files(Table table) {
        try {
            FileSystem fs = FileSystem.get(URI.create(base), spark.sparkContext().hadoopConfiguration());
            Path dir = new Path(base + "/" + table.path());
            List<Path> files = new ArrayList<>();
            if (!fs.exists(dir)) {
                return files;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().endsWith(".parquet")) {
                    files.add(p);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
