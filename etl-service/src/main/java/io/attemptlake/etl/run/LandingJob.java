package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.ParquetFooters;
import io.attemptlake.etl.lake.StagedFile;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.landing.BatchWriter;
import io.attemptlake.etl.landing.Erased;
import io.attemptlake.etl.landing.LandedLookup;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.landing.SparkRows;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark work of one commit: parse the batch once, choose each new attempt's first message,
 * write every table, and check the files against what was parsed.
 *
 * <p>How five tables come out of one parse, chosen by measurement (tools/bench/results, 2026-12): the
 * parsed messages (each with its flat rows) are held in memory as Spark's rows, and one more job
 * writes all five tables in one pass over them, each task with Parquet writers of its own. A
 * Spark write per table had to scan and project the held batch five times and cost two thirds of
 * a run; staging the parse as Parquet costs a second write and read of every value. The choice of
 * the landing messages needs the whole batch before any table can be written, hence two jobs.
 * {@code etl.run.max-records} bounds what one commit holds.
 */
final class LandingJob {

    /** One commit's input and where its tables go. */
    record Batch(String runId, Dataset<Row> kafka, LandedLookup history, Erased erased, Function<Table, Path> stagedAt) {
    }

    /** What a batch staged: its counts as parsed, its files, and the (tenant, attempt key) of each attempt it lands. */
    record Staged(Run.Counts counts, List<StagedFile> files, List<List<String>> landing) {
    }

    private static final long SMALL_BATCH = 20_000;

    private LandingJob() {
    }

    /**
     * Stages the batch's tables and verifies them; nothing is visible yet.
     *
     * @throws IllegalStateException when the files do not reconcile with what was parsed
     */
    static Staged stage(Batch batch, ParquetFooters footers, Consumer<RunPhase> reached) {
        SparkSession spark = batch.kafka().sparkSession();
        // Held as Spark's rows, serialized off the heap (etl.spark.held-memory; local disk past it), not
        // as a columnar cache: building and scanning that cost as much as the parse itself (its
        // compression hashes every 3 kB value), and rows on the heap cost a third of a run in GC.
        RDD<InternalRow> held = Landing.parsedRows(batch.kafka(), batch.runId(), batch.erased()).persist(StorageLevel.OFF_HEAP());
        try {
            Landing.Choice choice = Landing.choose(SparkRows.dataset(spark, held, Landing.parsedSchema()), batch.history());
            reached.accept(RunPhase.PARSED);
            Run.Counts parsed = new Run.Counts(choice.messages(), choice.messages() - choice.erased(),
                    choice.winners().size(), choice.questions(), choice.options(), choice.duplicates(),
                    choice.quarantined(), choice.erased());
            Map<Table, Path> roots = new EnumMap<>(Table.class);
            for (Table t : Table.values()) {
                roots.put(t, batch.stagedAt().apply(t));
            }
            List<StagedFile> files = BatchWriter.write(spark, held, choice, roots,
                    writers(choice.messages(), held.getNumPartitions()));
            reached.accept(RunPhase.STAGED);
            verify(parsed, files, footers);
            reached.accept(RunPhase.VERIFIED);
            return new Staged(parsed, files, choice.landing());
        } finally {
            held.unpersist(false);
        }
    }

    /**
     * Tasks writing the tables: one for a small batch (each task writes a file per table, tenant and
     * day, and a file costs HDFS round trips whatever its size), else one per partition of the batch.
     */
    static int writers(long messages, int partitions) {
        long wanted = messages / SMALL_BATCH + 1;
        return wanted < partitions ? (int) wanted : 0; // 0: as many as the batch has
    }

    /**
     * The files hold exactly what was parsed: every message in raw, each once as landed, duplicate
     * or quarantined; every question and option of a landed attempt. Counted from the footers on
     * the file system, not from the writers' own counts.
     */
    private static void verify(Run.Counts parsed, List<StagedFile> files, ParquetFooters footers) {
        Map<Table, Long> written = footers.rows(files);
        Map<Table, Long> expected = parsed.rows();
        if (!written.equals(expected)) {
            throw new IllegalStateException(String.format("the staged files do not reconcile, nothing committed: "
                    + "parsed %s, written %s", expected, written));
        }
    }
}
