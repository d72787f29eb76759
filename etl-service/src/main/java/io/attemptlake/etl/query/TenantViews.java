package io.attemptlake.etl.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.attemptlake.web.apikey.Caller;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.springframework.stereotype.Component;

/**
 * A fresh Spark session per query whose only tables are views of committed data: for a tenant,
 * built from that tenant's partition directories alone, so nothing a query says can reach another
 * tenant's files; for the admin, all of them.
 */
@Component
public class TenantViews {

    /** The views queries see, by name: the tables' own ({@link Table#viewName()}). */
    public static final Map<String, Table> VIEWS = Arrays.stream(Table.values())
            .collect(Collectors.toUnmodifiableMap(Table::viewName, t -> t));

    private final SparkSession spark;
    private final LakeLayout layout;
    private final LakeFiles files;
    private final PublishedCommits committed;
    private volatile Map<Table, StructType> schemas;

    public TenantViews(SparkSession spark, LakeLayout layout, LakeFiles files, PublishedCommits committed) {
        this.spark = spark;
        this.layout = layout;
        this.files = files;
        this.committed = committed;
    }

    /** A session with the caller's views registered, and nothing else readable. */
    public SparkSession sessionFor(Caller caller) {
        return sessionFor(caller, VIEWS.keySet());
    }

    /** As {@link #sessionFor(Caller)}, with only the views {@code names} registered. */
    public SparkSession sessionFor(Caller caller, Set<String> names) {
        SparkSession session = spark.newSession();
        // Implicit cartesian products (FROM a, b without a condition) fail analysis.
        session.conf().set("spark.sql.crossJoin.enabled", "false");
        Set<String> unpublished = committed.unpublished();
        for (String name : names) {
            table(session, VIEWS.get(name), caller, unpublished).createOrReplaceTempView(name);
        }
        return session;
    }

    /** The caller's view of one table, as a query sees it, in a session of its own. */
    public Dataset<Row> view(Caller caller, Table table) {
        return table(spark.newSession(), table, caller, committed.unpublished());
    }

    public StructType schema(Table table) {
        if (schemas == null) {
            schemas = TableSchemas.of();
        }
        return schemas.get(table);
    }

    private Dataset<Row> table(SparkSession session, Table table, Caller caller, Set<String> unpublished) {
        StructType schema = schema(table);
        Path root = layout.table(table);
        Path dir = caller.isAdmin() ? root : new Path(root, Landing.TENANT + "=" + caller.tenant());
        if (!files.hasParquetFiles(dir)) {
            return session.createDataFrame(List.of(), schema);
        }
        Dataset<Row> rows = session.read().schema(schema).option("basePath", root.toString()).parquet(dir.toString());
        // Files are named after their commit; Spark prunes by file name before reading any.
        for (String commitId : unpublished) {
            rows = rows.filter(not(col("_metadata.file_name").startsWith(commitId + "-")));
        }
        return rows;
    }
}
