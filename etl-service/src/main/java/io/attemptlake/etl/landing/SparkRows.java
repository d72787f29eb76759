package io.attemptlake.etl.landing;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * The one place that steps below Spark's public Dataset API, to Spark's own rows: a dataset's
 * rows as an RDD, and an RDD of rows as a dataset (what Spark's internalCreateDataFrame does).
 * Used to parse into Spark's row format directly, and to hold a parsed batch as rows.
 */
public final class SparkRows {

    private SparkRows() {
    }

    public static RDD<InternalRow> of(Dataset<Row> rows) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) rows).queryExecution().toRdd();
    }

    public static Dataset<Row> dataset(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows, schema, false);
    }
}
