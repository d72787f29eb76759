package io.attemptlake.etl.job;


import io.attemptlake.etl.FaultInjector;
import io.attemptlake.etl.RunPhase;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.ParquetFooters;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.offsets.ReadPlan;
import io.attemptlake.etl.source.KafkaSource;
import io.attemptlake.etl.source.SourceProperties;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One run's Spark work: read the planned offsets, stage every table, verify the counts, commit.
 *
 * <p>The topic is read and parsed once, into the run's staging ({@code _parsed}); every table is
 * then written from that columnar copy. Nothing is visible before {@link CommitProtocol#commit}; a
 * failure anywhere before it leaves only staging behind, which recovery removes.
 */
@Component
public class LandingJob {

    private static final StructType LANDED_KEYS = new StructType()
            .add(Landing.TENANT, DataTypes.StringType).add(Landing.ATTEMPT_KEY, DataTypes.StringType);
    // As stored: the key in the files, tenant and date in the partition directories.
    private static final StructType LANDED_KEYS_FILES = new StructType()
            .add(Landing.ATTEMPT_KEY, DataTypes.StringType)
            .add(Landing.TENANT, DataTypes.StringType).add(Landing.INGEST_DATE, DataTypes.StringType);

    private final SparkSession spark;
    private final KafkaSource source;
    private final SourceProperties sourceProperties;
    private final LakeLayout layout;
    private final LakeFiles files;
    private final CommitProtocol commits;
    private final FaultInjector faults;
    private final ParquetFooters footers;

    public LandingJob(SparkSession spark, KafkaSource source, SourceProperties sourceProperties, LakeLayout layout,
                      LakeFiles files, CommitProtocol commits, ObjectProvider<FaultInjector> faults) {
        this.spark = spark;
        this.source = source;
        this.sourceProperties = sourceProperties;
        this.layout = layout;
        this.files = files;
        this.commits = commits;
        this.faults = faults.getIfAvailable(() -> FaultInjector.NONE);
        this.footers = new ParquetFooters(files);
    }

    /** Where each table lives, for a run's record. */
    public Map<Table, String> outputs() {
        Map<Table, String> outputs = new EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            outputs.put(t, layout.table(t).toString());
        }
        return outputs;
    }

    public JobResult run(String runId, ReadPlan plan, Consumer<RunPhase> progress) {
        Consumer<RunPhase> reached = phase -> {
            progress.accept(phase);
            faults.reached(phase, runId);
        };
        reached.accept(RunPhase.PLANNED);
        if (plan.isEmpty()) {
            return JobResult.nothingNew(outputs());
        }
        spark.sparkContext().setJobGroup(runId, "ETL run " + runId, true);
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", "runs");
        try {
            Dataset<Row> parsed = Landing.parse(source.read(spark, plan.nonEmptyPartitions()), runId);
            parsed.write().mode(SaveMode.ErrorIfExists).parquet(layout.stagedParsed(runId).toString());
            reached.accept(RunPhase.STAGED_PARSED);
            // Known schemas: no schema-inference job for anything read back from staging.
            Dataset<Row> messages = spark.read().schema(parsed.schema()).parquet(layout.stagedParsed(runId).toString());

            // Staged rather than cached: small, read four times, and counted from its footers.
            Dataset<Row> found = Landing.duplicates(messages, landedKeys());
            found.write().mode(SaveMode.ErrorIfExists).parquet(layout.stagedDuplicates(runId).toString());
            Dataset<Row> duplicates = spark.read().schema(found.schema()).parquet(layout.stagedDuplicates(runId).toString());

            stage(Landing.raw(messages, duplicates), runId, Table.RAW);
            reached.accept(RunPhase.STAGED_RAW);
            stage(Landing.quarantine(messages), runId, Table.QUARANTINE);
            reached.accept(RunPhase.STAGED_QUARANTINE);

            Dataset<Row> landing = Landing.landing(messages, duplicates);
            stage(Landing.attempts(landing), runId, Table.ATTEMPTS);
            reached.accept(RunPhase.STAGED_ATTEMPTS);
            stage(Landing.questions(landing), runId, Table.QUESTIONS);
            reached.accept(RunPhase.STAGED_QUESTIONS);
            stage(Landing.options(landing), runId, Table.OPTIONS);
            reached.accept(RunPhase.STAGED_OPTIONS);

            JobResult result = verify(runId);
            reached.accept(RunPhase.VERIFIED);
            Map<Table, Long> rows = new EnumMap<>(Table.class);
            rows.put(Table.RAW, result.rawRows());
            rows.put(Table.ATTEMPTS, result.attempts());
            rows.put(Table.QUESTIONS, result.questions());
            rows.put(Table.OPTIONS, result.options());
            rows.put(Table.QUARANTINE, result.quarantined());
            commits.commit(runId, sourceProperties.topic(), plan.start(), plan.end(), rows);
            return result;
        } finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }

    private void stage(Dataset<Row> table, String runId, Table name) {
        table.write().mode(SaveMode.ErrorIfExists)
                .partitionBy(Landing.TENANT, Landing.INGEST_DATE)
                .parquet(layout.staged(runId, name).toString());
    }

    /**
     * (tenant, attempt_key) already landed: committed data only (recovery ran before planning).
     * The join with this run's messages is on the tenant partition column, so Spark's dynamic
     * partition pruning reads only the tenants of this batch.
     */
    private Dataset<Row> landedKeys() {
        if (files.parquetFiles(layout.table(Table.ATTEMPTS)).isEmpty()) {
            return spark.createDataFrame(List.of(), LANDED_KEYS);
        }
        return spark.read().schema(LANDED_KEYS_FILES).parquet(layout.table(Table.ATTEMPTS).toString())
                .select(Landing.TENANT, Landing.ATTEMPT_KEY);
    }

    /**
     * Counts what was staged, from the Parquet footers, and checks that nothing was lost or doubled:
     * every message is in raw and is exactly one of landed, duplicate or quarantined; every question
     * of a landed attempt is in questions, every option in options.
     */
    private JobResult verify(String runId) {
        long read = footers.rows(layout.stagedParsed(runId));
        long duplicates = footers.rows(layout.stagedDuplicates(runId));
        long raw = footers.rows(layout.staged(runId, Table.RAW));
        long quarantined = footers.rows(layout.staged(runId, Table.QUARANTINE));
        long attempts = footers.rows(layout.staged(runId, Table.ATTEMPTS));
        long questions = footers.rows(layout.staged(runId, Table.QUESTIONS));
        long options = footers.rows(layout.staged(runId, Table.OPTIONS));
        long expectedQuestions = sum(layout.staged(runId, Table.ATTEMPTS), "question_count");
        long expectedOptions = sum(layout.staged(runId, Table.QUESTIONS), "option_count");
        if (raw != read || attempts + duplicates + quarantined != read
                || questions != expectedQuestions || options != expectedOptions) {
            throw new IllegalStateException(String.format("run %s does not reconcile, nothing committed: read %d, raw %d, "
                    + "attempts %d + duplicates %d + quarantined %d, questions %d (attempts say %d), "
                    + "options %d (questions say %d)", runId, read, raw, attempts, duplicates, quarantined,
                    questions, expectedQuestions, options, expectedOptions));
        }
        return new JobResult(read, raw, attempts, questions, options, duplicates, quarantined, outputs());
    }

    private long sum(org.apache.hadoop.fs.Path table, String column) {
        if (files.parquetFiles(table).isEmpty()) {
            return 0;
        }
        Row total = spark.read().parquet(table.toString()).agg(functions.coalesce(functions.sum(column), functions.lit(0L))).first();
        return total.getLong(0);
    }
}
