package io.attemptlake.etl.run;

import io.attemptlake.etl.erasure.ErasedLearners;
import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.lake.Manifest;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.ParquetFooters;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.landing.Erased;
import io.attemptlake.etl.offsets.OffsetPlanner;
import io.attemptlake.etl.source.ReadPlan;
import io.attemptlake.etl.source.KafkaSource;
import io.attemptlake.etl.source.SourceProperties;
import io.attemptlake.etl.spark.TaskPlacements;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One run, start to end: reconcile, plan the offsets, and land them in commits of at most
 * {@code etl.run.max-records} messages, each read once, staged, verified and committed before the
 * next is read. Every phase of every commit goes to the run's listeners.
 */
@Component
class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final SparkSession spark;
    private final KafkaSource source;
    private final SourceProperties sourceProperties;
    private final OffsetPlanner planner;
    private final CommitProtocol commits;
    private final LakeLayout layout;
    private final ParquetFooters footers;
    private final LandedKeyIndex keyIndex;
    private final RunHistory history;
    private final RunProgress progress;
    private final ObjectProvider<RunListener> listeners;
    private final TaskPlacements placements;
    private final RunProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final LakeLock lock;
    private final ErasedLearners erasedLearners;

    // Maintenance rewrites at most a tenant's tables: a run waits for it rather than fail.
    private static final Duration LAKE_PATIENCE = Duration.ofHours(1);

    RunExecution(SparkSession spark, KafkaSource source, SourceProperties sourceProperties, OffsetPlanner planner,
                 CommitProtocol commits, LakeLayout layout, ParquetFooters footers, LandedKeyIndex keyIndex,
                 RunHistory history, RunProgress progress, ObjectProvider<RunListener> listeners,
                 TaskPlacements placements, RunProperties properties, MeterRegistry meters, LakeLock lock,
                 ErasedLearners erasedLearners) {
        this.lock = lock;
        this.erasedLearners = erasedLearners;
        this.spark = spark;
        this.source = source;
        this.sourceProperties = sourceProperties;
        this.planner = planner;
        this.commits = commits;
        this.layout = layout;
        this.footers = footers;
        this.keyIndex = keyIndex;
        this.history = history;
        this.progress = progress;
        this.listeners = listeners;
        this.placements = placements;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Runs {@code queued} to its end and returns its final record (also in the lake, unless the lake
     * refused it). Waits while an erasure, purge or compaction has the lake.
     */
    Run execute(Run queued) {
        try {
            return lock.holding(LAKE_PATIENCE, () -> executeHolding(queued));
        } catch (LakeLock.Busy e) {
            return progress.timed(queued.running(clock.instant())).failed(clock.instant(), e.getMessage());
        }
    }

    private Run executeHolding(Run queued) {
        progress.started();
        Run run = progress.update(queued.running(clock.instant()));
        String commitId = null;
        spark.sparkContext().setJobGroup(run.id(), "ETL run " + run.id(), true);
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", "runs");
        try {
            CommitProtocol.Recovery recovery = history.reconcile(Optional.of(run.id()));
            if (!recovery.isEmpty()) {
                run = progress.update(progress.current().orElse(run).withNote("recovered before starting: rolled forward " + recovery.rolledForward()
                        + ", discarded " + recovery.discarded()));
            }
            ReadPlan plan = planner.plan(commits.lastCommitted());
            run = progress.update(progress.current().orElse(run).withOffsets(ranges(plan)));
            for (String skipped : plan.skipped()) {
                run = progress.update(progress.current().orElse(run).withNote("skipped: " + skipped));
            }
            List<ReadPlan> chunks = plan.chunks(properties.maxRecords());
            Erased erased = chunks.isEmpty() ? Erased.NONE : erasedLearners.current();
            if (chunks.isEmpty()) {
                reached(RunPhase.PLANNED, new RunListener.Position(run.id(), null, 0, 0));
                run = progress.update(progress.current().orElse(run).withNote("nothing new since the last run"));
            }
            for (int i = 0; i < chunks.size(); i++) {
                ReadPlan chunk = chunks.get(i);
                commitId = String.format("%s-%04d", run.id(), i + 1);
                RunListener.Position at = new RunListener.Position(run.id(), commitId, i + 1, chunks.size());
                reached(RunPhase.PLANNED, at);
                String staging = commitId;
                LandingJob.Staged staged = LandingJob.stage(new LandingJob.Batch(run.id(),
                                source.read(spark, chunk.nonEmptyPartitions()),
                                keyIndex.lookup(spark, commits.visible().of(Table.ATTEMPTS)), erased,
                                t -> layout.staged(staging, t)),
                        footers, phase -> reached(phase, at));
                Run.Counts landed = staged.counts();
                CommitProtocol.Published published = commits.commit(commitId, RunIds.sequence(run.id(), i + 1),
                        sourceProperties.topic(), chunk.start(), chunk.end(), staged.files(), landed.rows(),
                        landed.erased(), step -> reached(RunPhase.of(step), at));
                keyIndex.committed(commits.visible().of(Table.ATTEMPTS), staged.landing());
                run = progress.update(progress.current().orElse(run).withCommit(commitId, landed, published.versions(),
                        commits.visible().byPath()));
                record(landed);
                commitId = null;
            }
            return finish(progress.timed(progress.current().orElse(run)).succeeded(clock.instant(), outputs()));
        } catch (Exception e) {
            keyIndex.forget(); // the lake may hold more, or less, than it knows
            log.error("Run {} failed: {}", run.id(), e.toString());
            Run failed = progress.timed(progress.current().orElse(run));
            if (commitId != null && decided(commitId)) {
                return finish(afterDecision(failed, e));
            }
            return finish(failed.failed(clock.instant(), describe(e)));
        } finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }

    private void reached(RunPhase phase, RunListener.Position at) {
        listeners.orderedStream().forEach(l -> l.reached(phase, at));
    }

    /** A commit failed after its decision: complete its publication now if the lake lets us. */
    private Run afterDecision(Run run, Exception e) {
        try {
            history.reconcile(Optional.of(run.id()));
            Run settled = history.settle(run, commits.commitsOf(run.id()));
            if (settled.status() == Run.RunStatus.SUCCEEDED) {
                return settled.withNote("publication completed after an error: " + describe(e))
                        .succeeded(clock.instant(), outputs());
            }
            return settled.failed(clock.instant(), describe(e));
        } catch (RuntimeException again) {
            return run.withNote("committed; publication will complete at the next run or restart")
                    .failed(clock.instant(), describe(e));
        }
    }

    private boolean decided(String commitId) {
        try {
            return commits.isDecided(commitId);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Run finish(Run run) {
        return run.withExecutors(placements.take(run.id()).stream()
                .map(p -> new Run.Executor(p.executorId(), p.host(), p.tasks())).toList());
    }

    Map<String, String> outputs() {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Table t : Table.values()) {
            outputs.put(t.name().toLowerCase(), layout.table(t).toString());
        }
        return outputs;
    }

    private void record(Run.Counts c) {
        meters.counter("etl.rows.landed", "table", "raw").increment(c.rawRows());
        meters.counter("etl.rows.landed", "table", "attempts").increment(c.attempts());
        meters.counter("etl.rows.landed", "table", "questions").increment(c.questions());
        meters.counter("etl.rows.landed", "table", "options").increment(c.options());
        meters.counter("etl.rows.landed", "table", "quarantine").increment(c.quarantined());
        meters.counter("etl.duplicates.skipped").increment(c.duplicatesSkipped());
    }

    private static List<Run.PartitionRange> ranges(ReadPlan plan) {
        return plan.end().keySet().stream()
                .map(p -> new Run.PartitionRange(p, plan.start().get(p), plan.end().get(p)))
                .toList();
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (cause: " + root.getMessage() + ")";
        }
        return message.length() > 2000 ? message.substring(0, 2000) + "..." : message;
    }
}
