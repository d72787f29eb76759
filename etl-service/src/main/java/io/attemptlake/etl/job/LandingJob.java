package io.attemptlake.etl.job;

import static org.apache.spark.sql.functions.col;

import io.attemptlake.etl.FaultInjector;
import io.attemptlake.etl.RunPhase;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
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

    private final SparkSession spark;
    private final KafkaSource source;
    private final SourceProperties sourceProperties;
    private final LakeLayout layout;
    private final LakeFiles files;
    private final CommitProtocol commits;
    private final FaultInjector faults;

    public LandingJob(SparkSession spark, KafkaSource source, SourceProperties sourceProperties, LakeLayout layout,
                      LakeFiles files, CommitProtocol commits, ObjectProvider<FaultInjector> faults) {
        this.spark = spark;
        this.source = source;
        this.sourceProperties = sourceProperties;
        this.layout = layout;
        this.files = files;
        this.commits = commits;
        this.faults = faults.getIfAvailable(() -> FaultInjector.NONE);
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
        try {
            Landing.parse(source.read(spark, plan.nonEmptyPartitions()), runId)
                    .write().mode(SaveMode.ErrorIfExists).parquet(layout.stagedParsed(runId).toString());
            reached.accept(RunPhase.STAGED_PARSED);
            Dataset<Row> messages = spark.read().parquet(layout.stagedParsed(runId).toString());

            stage(Landing.raw(messages), runId, Table.RAW);
            reached.accept(RunPhase.STAGED_RAW);
            stage(Landing.quarantine(messages), runId, Table.QUARANTINE);
            reached.accept(RunPhase.STAGED_QUARANTINE);

            // Staged rather than cached: small, read three times, and counted from its footers.
            Landing.duplicates(messages, landedKeys(messages))
                    .write().mode(SaveMode.ErrorIfExists).parquet(layout.stagedDuplicates(runId).toString());
            Dataset<Row> duplicates = spark.read().parquet(layout.stagedDuplicates(runId).toString());
            Dataset<Row> landing = Landing.landing(messages, duplicates);
            stage(Landing.attempts(landing), runId, Table.ATTEMPTS);
            reached.accept(RunPhase.STAGED_ATTEMPTS);
            stage(Landing.questions(landing), runId, Table.QUESTIONS);
            reached.accept(RunPhase.STAGED_QUESTIONS);
            stage(Landing.options(landing), runId, Table.OPTIONS);
            reached.accept(RunPhase.STAGED_OPTIONS);

            JobResult result = verify(runId, messages, duplicates.count(), Landing.landingTotals(landing));
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
        }
    }

    private void stage(Dataset<Row> table, String runId, Table name) {
        table.write().mode(SaveMode.ErrorIfExists)
                .partitionBy(Landing.TENANT, Landing.INGEST_DATE)
                .parquet(layout.staged(runId, name).toString());
    }

    /** (tenant, attempt_key) already landed for the tenants of this batch: committed data only. */
    private Dataset<Row> landedKeys(Dataset<Row> messages) {
        String attempts = layout.table(Table.ATTEMPTS).toString();
        if (files.parquetFiles(layout.table(Table.ATTEMPTS)).isEmpty()) {
            return spark.createDataFrame(List.of(), LANDED_KEYS);
        }
        List<Object> tenants = messages.filter(col(Landing.TENANT).isNotNull()).select(Landing.TENANT).distinct()
                .collectAsList().stream().map(r -> (Object) r.getString(0)).toList();
        return spark.read().parquet(attempts)
                .filter(col(Landing.TENANT).isin(tenants.toArray()))
                .select(Landing.TENANT, Landing.ATTEMPT_KEY);
    }

    /**
     * Counts what was staged, from the Parquet footers, and checks that nothing was lost or doubled:
     * every message is in raw, and is exactly one of landed, duplicate or quarantined.
     */
    private JobResult verify(String runId, Dataset<Row> messages, long duplicates, Row expected) {
        long read = messages.count();
        long raw = stagedRows(runId, Table.RAW);
        long quarantined = stagedRows(runId, Table.QUARANTINE);
        long attempts = stagedRows(runId, Table.ATTEMPTS);
        long questions = stagedRows(runId, Table.QUESTIONS);
        long options = stagedRows(runId, Table.OPTIONS);
        if (raw != read || attempts + duplicates + quarantined != read
                || attempts != expected.getLong(0) || questions != expected.getLong(1) || options != expected.getLong(2)) {
            throw new IllegalStateException(String.format("run %s does not reconcile, nothing committed: read %d, raw %d, "
                    + "attempts %d (expected %d) + duplicates %d + quarantined %d, questions %d (expected %d), "
                    + "options %d (expected %d)", runId, read, raw, attempts, expected.getLong(0), duplicates, quarantined,
                    questions, expected.getLong(1), options, expected.getLong(2)));
        }
        return new JobResult(read, raw, attempts, questions, options, duplicates, quarantined, outputs());
    }

    private long stagedRows(String runId, Table table) {
        if (files.parquetFiles(layout.staged(runId, table)).isEmpty()) {
            return 0;
        }
        return spark.read().parquet(layout.staged(runId, table).toString()).count();
    }
}
