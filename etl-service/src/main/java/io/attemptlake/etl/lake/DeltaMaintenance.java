package io.attemptlake.etl.lake;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * What Delta Lake's own commands do to a tenant table, run by Spark (Delta's DELETE and OPTIMIZE):
 * rows removed by rewriting the files that hold them, small files of a day compacted; and files the
 * log no longer names deleted (a vacuum). Callers hold the {@link LakeLock}: these never run beside
 * a run's commit.
 */
public final class DeltaMaintenance {

    private final SparkSession spark;
    private final DeltaTables delta;
    private final LakeLock lock;
    private final LakeFiles files;

    public DeltaMaintenance(SparkSession spark, DeltaTables delta, LakeLock lock, LakeFiles files) {
        this.lock = lock;
        this.files = files;
        this.spark = spark.newSession();
        this.delta = delta;
    }

    /** Removes the rows {@code condition} matches (files holding them are rewritten without them). */
    public void delete(TenantTable t, Column condition) {
        table(t).delete(condition);
    }

    /**
     * Deletes every data file of the table that its latest version does not name, whatever its age
     * (what Delta's {@code VACUUM ... RETAIN 0 HOURS} does, without its Spark job over a listing of the
     * table), once no query is reading table files: a query reading an older version would find them gone.
     */
    public void vacuumNow(TenantTable t) {
        lock.vacuuming(() -> {
            Set<String> named = new HashSet<>();
            delta.files(t, delta.latestVersion(t)).forEach(f -> named.add(new Path(f.path()).toUri().getPath()));
            for (Path f : files.dataFiles(delta.root(t))) {
                if (!named.contains(f.toUri().getPath())) {
                    files.delete(f);
                }
            }
        });
    }

    /** Rewrites the day's files into few large ones; the rows, and so every answer, stay the same. */
    public void compact(TenantTable t, LocalDate day) {
        table(t).optimize().where(DeltaTables.PARTITION_COLUMN + " = '" + day + "'").executeCompaction();
    }

    private DeltaTable table(TenantTable t) {
        return DeltaTable.forPath(spark, delta.root(t).toString());
    }
}
