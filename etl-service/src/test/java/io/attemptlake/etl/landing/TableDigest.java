package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A table's contents (all columns but {@code run_id}, by name, with their types) as something small
 * enough to keep in the repository: per bucket of rows, how many and the sum of their hashes. Two
 * tables with the same digest hold the same multiset of rows; a differing bucket narrows down where.
 */
record TableDigest(long rows, TreeMap<Integer, List<String>> buckets) {

    static final int BUCKETS = 64;

    static TableDigest of(Dataset<Row> table) {
        Column hash = xxhash64(sortedColumns(table));
        TreeMap<Integer, List<String>> buckets = new TreeMap<>();
        long rows = 0;
        for (Row r : table.select(hash.as("h")).groupBy(pmod(col("h"), org.apache.spark.sql.functions.lit(BUCKETS)).as("b"))
                .agg(count("h").as("n"), sum(col("h").cast(DataTypes.createDecimalType(38, 0))).as("s"))
                .collectAsList()) {
            buckets.put((int) r.getLong(0), List.of(String.valueOf(r.getLong(1)), r.getDecimal(2).toPlainString()));
            rows += r.getLong(1);
        }
        return new TableDigest(rows, buckets);
    }

    /** Each row as JSON (sorted keys), sorted: the readable form for small tables. */
    static List<String> rowsAsJson(Dataset<Row> table) {
        return table.select(to_json(struct(sortedColumns(table))).as("j")).collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
    }

    private static Column[] sortedColumns(Dataset<Row> table) {
        return Arrays.stream(table.columns()).filter(c -> !c.equals("run_id")).sorted().map(c -> col("`" + c + "`"))
                .toArray(Column[]::new);
    }
}
