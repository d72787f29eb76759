package io.attemptlake.etl.lake;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.DateType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta seam: each {@link TenantTable} is a Delta table, and this is how the service writes
 * and reads their logs, through Delta Kernel (no Spark job per log: a commit or a file listing is
 * a few reads of the log on the driver).
 *
 * <p>A commit's files are appended with an idempotent transaction id ({@link #APP_ID}, the commit's
 * sequence number): an append the table has already recorded is not made again, so a commit
 * interrupted between its tables is completed by publishing it again, never doubled. The tables
 * are partitioned by {@code ingest_date}; deletion vectors stay off, so every live row is in a file
 * the log names and nowhere else.
 */
public final class DeltaTables {

    private static final Logger log = LoggerFactory.getLogger(DeltaTables.class);

    /** The transaction id under which the service's commits are recorded in every table. */
    public static final String APP_ID = "attempt-lake-etl";
    public static final String PARTITION_COLUMN = "ingest_date";

    private static final String ENGINE_INFO = "attempt-lake-etl";
    private static final Map<String, String> PROPERTIES = Map.of(
            // Erasure must leave no copy: rewritten files, not rows masked by a vector.
            "delta.enableDeletionVectors", "false");
    private static final int CACHED_LISTINGS = 512;

    /** A data file as the log names it: absolute path, its day (null for no timestamp), rows (-1: not known) and bytes. */
    public record DataFile(String path, LocalDate day, long rows, long bytes) {
    }

    private final Engine engine;
    private final LakeLayout layout;
    private final Function<Table, StructType> schemas;
    // A version's files never change: listings are kept by (table, version).
    private final Map<String, List<DataFile>> listings = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<DataFile>> eldest) {
                    return size() > CACHED_LISTINGS;
                }
            });

    public DeltaTables(Configuration conf, LakeLayout layout, Function<Table, StructType> schemas) {
        this(DefaultEngine.create(conf), layout, schemas);
    }

    private DeltaTables(Engine engine, LakeLayout layout, Function<Table, StructType> schemas) {
        this.engine = engine;
        this.layout = layout;
        this.schemas = schemas;
    }

    /** The same tables' kind under another base: a scratch lake (the engine's warm-up). */
    public DeltaTables under(LakeLayout other) {
        return new DeltaTables(engine, other, schemas);
    }

    public Path root(TenantTable t) {
        return layout.resolve(t.path());
    }

    /** The table's latest version, or -1 if it has no log yet. */
    public long latestVersion(TenantTable t) {
        return snapshot(t).map(Snapshot::getVersion).orElse(-1L);
    }

    /** The last commit sequence the table recorded under {@link #APP_ID}, or -1. */
    public long lastTransaction(TenantTable t) {
        return snapshot(t).flatMap(s -> s.getLatestTransactionVersion(engine, APP_ID)).orElse(-1L);
    }

    /**
     * Appends {@code files} (already in the table's directory) as the commit {@code sequence}; a
     * table that has recorded it (or a later one) is left as it is. Creates the table first if it has
     * no log. Returns the table's version holding the commit.
     */
    public long append(TenantTable t, long sequence, List<DataFile> files) {
        Snapshot snapshot = snapshot(t).orElseGet(() -> create(t));
        long recorded = snapshot.getLatestTransactionVersion(engine, APP_ID).orElse(-1L);
        if (recorded >= sequence) {
            return snapshot.getVersion();
        }
        Transaction txn = snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE)
                .withTransactionId(APP_ID, sequence)
                .build(engine);
        Row state = txn.getTransactionState(engine);
        Map<LocalDate, List<DataFileStatus>> byDay = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (DataFile f : files) {
            byDay.computeIfAbsent(f.day(), d -> new ArrayList<>()).add(new DataFileStatus(f.path(), f.bytes(),
                    System.currentTimeMillis(), f.rows() < 0 ? Optional.empty()
                            : Optional.of(new DataFileStatistics(f.rows(), Map.of(), Map.of(), Map.of(), Optional.empty()))));
        }
        List<Row> actions = new ArrayList<>();
        for (Map.Entry<LocalDate, List<DataFileStatus>> day : byDay.entrySet()) {
            Literal value = day.getKey() == null ? Literal.ofNull(DateType.DATE) : Literal.ofDate((int) day.getKey().toEpochDay());
            var context = Transaction.getWriteContext(engine, state, Map.of(PARTITION_COLUMN, value));
            try (CloseableIterator<Row> rows = Transaction.generateAppendActions(engine, state,
                    toCloseable(day.getValue()), context)) {
                rows.forEachRemaining(actions::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TransactionCommitResult result = txn.commit(engine, CloseableIterable.inMemoryIterable(toCloseable(actions)));
        afterCommit(result);
        return result.getVersion();
    }

    /** The table's data files at {@code version} (none if it has no log, or at version -1). */
    public List<DataFile> files(TenantTable t, long version) {
        if (version < 0) {
            return List.of();
        }
        String key = t.path() + "@" + version;
        List<DataFile> cached = listings.get(key);
        if (cached != null) {
            return cached;
        }
        Snapshot snapshot = TableManager.loadSnapshot(root(t).toString()).atVersion(version).build(engine);
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = snapshot.getScanBuilder().build().getScanFiles(engine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
                        String day = InternalScanFileUtils.getPartitionValues(scanFile).get(PARTITION_COLUMN);
                        Row add = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
                        String stats = add.isNullAt(InternalScanFileUtils.ADD_FILE_STATS_ORDINAL) ? null
                                : add.getString(InternalScanFileUtils.ADD_FILE_STATS_ORDINAL);
                        long rowCount = stats == null ? -1 : DataFileStatistics.getNumRecords(stats).orElse(-1L);
                        files.add(new DataFile(status.getPath(), day == null ? null : LocalDate.parse(day), rowCount,
                                status.getSize()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DataFile> listed = List.copyOf(files);
        listings.put(key, listed);
        return listed;
    }

    /**
     * The rows of these tenant tables of {@code table} at these versions, as one Spark table whose
     * schema is {@code schema} (ingest_date from the files' day directories, which Delta's own
     * writers name as ours do). Only the files the logs name are read.
     */
    public Dataset<org.apache.spark.sql.Row> read(SparkSession session, Table table, Map<TenantTable, Long> at,
                                                  StructType schema) {
        List<String> paths = new ArrayList<>();
        at.forEach((t, version) -> {
            if (t.table() != table) {
                throw new IllegalArgumentException(t + " is not a part of " + table);
            }
            files(t, version).forEach(f -> paths.add(f.path()));
        });
        if (paths.isEmpty()) {
            return session.createDataFrame(List.of(), schema);
        }
        return session.read().schema(schema).option("basePath", layout.table(table).toString())
                .parquet(paths.toArray(String[]::new));
    }

    /** Every tenant table of {@code table} that has a log. */
    public List<TenantTable> tenants(Table table, LakeFiles lakeFiles) {
        List<TenantTable> found = new ArrayList<>();
        for (Path dir : lakeFiles.directories(layout.table(table))) {
            String name = dir.getName();
            if (name.startsWith(TenantTable.PREFIX) && lakeFiles.exists(new Path(dir, "_delta_log"))) {
                found.add(new TenantTable(table, name.substring(TenantTable.PREFIX.length())));
            }
        }
        Collections.sort(found);
        return found;
    }

    private Optional<Snapshot> snapshot(TenantTable t) {
        try {
            return Optional.of(TableManager.loadSnapshot(root(t).toString()).build(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    private Snapshot create(TenantTable t) {
        var schema = DataTypeJsonSerDe.deserializeStructType(schemas.apply(t.table()).json());
        TransactionCommitResult created = TableManager.buildCreateTableTransaction(root(t).toString(), schema, ENGINE_INFO)
                .withDataLayoutSpec(DataLayoutSpec.partitioned(List.of(new Column(PARTITION_COLUMN))))
                .withTableProperties(PROPERTIES)
                .build(engine)
                .commit(engine, CloseableIterable.emptyIterable());
        afterCommit(created);
        return created.getPostCommitSnapshot()
                .orElseGet(() -> TableManager.loadSnapshot(root(t).toString()).build(engine));
    }

    // Checkpoints (every tenth version) and checksums keep a table's log quick to read. The commit
    // stands without them: a failure here is the next commit's to make good, not this one's.
    private void afterCommit(TransactionCommitResult result) {
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException | RuntimeException e) {
                log.warn("Delta {} after version {} failed: {}", hook.getType(), result.getVersion(), e.toString());
            }
        }
    }

    private static <T> CloseableIterator<T> toCloseable(List<T> items) {
        var it = items.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
