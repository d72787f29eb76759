package io.attemptlake.etl.lake;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * What Delta Lake's own commands do to a tenant table, run by Spark (Delta's DELETE, OPTIMIZE and
 * VACUUM): rows removed by rewriting the files that hold them, small files of a day compacted, and
 * files the log no longer names deleted. Callers hold the {@link LakeLock}: these never run beside
 * a run's commit.
 */
public final class DeltaMaintenance {

    private final SparkSession spark;
    private final DeltaTables delta;
    private final LakeLock lock;

    public DeltaMaintenance(SparkSession spark, DeltaTables delta, LakeLock lock) {
        this.lock = lock;
        this.spark = spark.newSession();
        // A vacuum right after an erasure must keep nothing back: no reader may find erased rows in a
        // file the log has dropped. Delta refuses a zero retention unless told that this is meant.
        this.spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        // VACUUM lists a table's directories in a Spark job of this many tasks (Spark's default, 10,000,
        // made one tenant's vacuum take a minute on two cores).
        this.spark.conf().set("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8");
        this.delta = delta;
    }

    /** Removes the rows {@code condition} matches (files holding them are rewritten without them). */
    public void delete(TenantTable t, Column condition) {
        table(t).delete(condition);
    }

    /**
     * Deletes every file of the table that its latest version does not name, whatever its age, once
     * no query is reading the table files (a query reading an older version would find them gone).
     */
    public void vacuumNow(TenantTable t) {
        lock.vacuuming(() -> table(t).vacuum(0.0));
    }

    /** Rewrites the day's files into few large ones; the rows, and so every answer, stay the same. */
    public void compact(TenantTable t, LocalDate day) {
        table(t).optimize().where(DeltaTables.PARTITION_COLUMN + " = '" + day + "'").executeCompaction();
    }

    private DeltaTable table(TenantTable t) {
        return DeltaTable.forPath(spark, delta.root(t).toString());
    }
}
