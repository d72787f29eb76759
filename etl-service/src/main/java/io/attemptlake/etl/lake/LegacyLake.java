package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lake written before each tenant directory was a Delta table: each such directory's files are
 * rewritten, with the tenant column they held only in their path, into a Delta table of that
 * directory, once, before the first run or maintenance of this version. The rewrite is appended
 * under transaction version {@link #UPGRADE} (below any commit's sequence), and the old files, which
 * its log does not name, are then vacuumed. Interrupted, it is done again: files of an unfinished rewrite carry
 * {@link #PREFIX} and are dropped; a table whose log holds the rewrite only needs its vacuum.
 */
public final class LegacyLake {

    private static final Logger log = LoggerFactory.getLogger(LegacyLake.class);
    static final long UPGRADE = 1;
    static final String PREFIX = "upgrade-";

    private final SparkSession spark;
    private final DeltaTables delta;
    private final DeltaMaintenance maintenance;
    private final LakeFiles files;
    private final LakeLayout layout;
    private final Function<Table, StructType> schemas;
    private volatile boolean done;

    public LegacyLake(SparkSession spark, DeltaTables delta, DeltaMaintenance maintenance, LakeFiles files,
                      LakeLayout layout, Function<Table, StructType> schemas) {
        this.maintenance = maintenance;
        this.spark = spark;
        this.delta = delta;
        this.files = files;
        this.layout = layout;
        this.schemas = schemas;
    }

    /** Makes every tenant directory a Delta table; the ones it converted (none after the first call). */
    public synchronized List<TenantTable> upgrade() {
        List<TenantTable> converted = new ArrayList<>();
        if (done) {
            return converted;
        }
        for (Table table : Table.values()) {
            for (Path dir : files.directories(layout.table(table))) {
                if (!dir.getName().startsWith(TenantTable.PREFIX)) {
                    continue;
                }
                TenantTable t = new TenantTable(table, dir.getName().substring(TenantTable.PREFIX.length()));
                if (files.exists(new Path(dir, "_delta_log"))) {
                    if (delta.lastTransaction(t) == UPGRADE && !files.exists(finished(t))) {
                        finish(t); // rewritten, not yet vacuumed
                    }
                    continue;
                }
                List<Path> legacy = new ArrayList<>();
                for (Path f : files.parquetFiles(dir)) {
                    if (f.getName().startsWith(PREFIX)) {
                        files.delete(f); // an unfinished rewrite's
                    } else {
                        legacy.add(f);
                    }
                }
                if (!legacy.isEmpty()) {
                    rewrite(t, legacy);
                    converted.add(t);
                }
            }
        }
        done = true;
        return converted;
    }

    private void rewrite(TenantTable t, List<Path> legacy) {
        log.warn("{} holds {} file(s) written before tenant tables were Delta tables: rewriting them into one", t,
                legacy.size());
        Path staging = new Path(layout.staging(), PREFIX + UUID.randomUUID());
        // The tenant comes from the directory names, as it always did; now it is written as a column too.
        spark.read().schema(schemas.apply(t.table())).option("basePath", layout.table(t.table()).toString())
                .parquet(legacy.stream().map(Path::toString).toArray(String[]::new))
                .write().partitionBy(DeltaTables.PARTITION_COLUMN).parquet(staging.toString());
        List<DeltaTables.DataFile> moved = new ArrayList<>();
        FileSystem fs = files.fs();
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(staging, true);
            while (it.hasNext()) {
                FileStatus f = it.next();
                if (!f.getPath().getName().endsWith(".parquet")) {
                    continue;
                }
                String dayDir = f.getPath().getParent().getName();
                Path to = new Path(new Path(delta.root(t), dayDir), PREFIX + f.getPath().getName());
                fs.mkdirs(to.getParent());
                if (!fs.rename(f.getPath(), to)) {
                    throw new IOException("cannot move " + f.getPath() + " to " + to);
                }
                String day = dayDir.substring(dayDir.indexOf('=') + 1);
                moved.add(new DeltaTables.DataFile(to.toString(),
                        day.equals(TenantTable.NO_TENANT) ? null : LocalDate.parse(day), -1, f.getLen()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            files.delete(staging);
        }
        delta.append(t, UPGRADE, moved);
        finish(t);
    }

    // The old files are not in the log: vacuumed, so that a plain reader does not count their rows twice.
    private void finish(TenantTable t) {
        maintenance.vacuumNow(t);
        files.touch(finished(t));
    }

    private Path finished(TenantTable t) {
        return new Path(new Path(layout.maintenance(), "upgrades"), t.path().replace('/', '_'));
    }
}
