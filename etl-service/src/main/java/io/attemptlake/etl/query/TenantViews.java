package io.attemptlake.etl.query;

import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.web.apikey.Caller;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.springframework.stereotype.Component;

/**
 * A fresh Spark session per query whose only tables are views of committed data, each tenant table
 * pinned to one version: for a tenant, built from that tenant's Delta tables alone, so nothing a
 * query says can reach another tenant's files; for the admin, all of them. By default the versions
 * are the ones readers see now ({@link CommitProtocol#visible()}), so a commit appears in every
 * view at once; a query as of a run reads the versions that run left.
 */
@Component
public class TenantViews {

    /** The views queries see, by name: the tables' own ({@link Table#viewName()}). */
    public static final Map<String, Table> VIEWS = Arrays.stream(Table.values())
            .collect(Collectors.toUnmodifiableMap(Table::viewName, t -> t));

    private final SparkSession spark;
    private final CommitProtocol commits;
    private final DeltaTables delta;
    private volatile Map<Table, StructType> schemas;

    public TenantViews(SparkSession spark, CommitProtocol commits, DeltaTables delta) {
        this.spark = spark;
        this.commits = commits;
        this.delta = delta;
    }

    /** A session with all the caller's views registered as the lake is now, and nothing else readable. */
    public SparkSession sessionFor(Caller caller) {
        return sessionFor(caller, VIEWS.keySet());
    }

    /** A session with the caller's views {@code names} registered as the lake is now, and nothing else readable. */
    public SparkSession sessionFor(Caller caller, Set<String> names) {
        return sessionFor(caller, names, commits.visible());
    }

    /** As {@link #sessionFor(Caller, Set)}, with the tables at {@code versions}. */
    public SparkSession sessionFor(Caller caller, Set<String> names, TableVersions versions) {
        SparkSession session = spark.newSession();
        // Implicit cartesian products (FROM a, b without a condition) fail analysis.
        session.conf().set("spark.sql.crossJoin.enabled", "false");
        for (String name : names) {
            table(session, VIEWS.get(name), caller, versions).createOrReplaceTempView(name);
        }
        return session;
    }

    /** The caller's view of one table as the lake is now, in a session of its own. */
    public Dataset<Row> view(Caller caller, Table table) {
        return table(spark.newSession(), table, caller, commits.visible());
    }

    public StructType schema(Table table) {
        if (schemas == null) {
            schemas = TableSchemas.of();
        }
        return schemas.get(table);
    }

    private Dataset<Row> table(SparkSession session, Table table, Caller caller, TableVersions versions) {
        return delta.read(session, table, versions.of(table, caller.isAdmin() ? null : caller.tenant()), schema(table));
    }
}
