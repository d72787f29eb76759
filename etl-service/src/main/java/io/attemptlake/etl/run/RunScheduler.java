package io.attemptlake.etl.runs;

import io.attemptlake.etl.RunPhase;
import io.attemptlake.etl.job.JobResult;
import io.attemptlake.etl.job.LandingJob;
import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.Manifest;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.offsets.OffsetPlanner;
import io.attemptlake.etl.offsets.ReadPlan;
import io.attemptlake.etl.spark.TaskPlacements;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs, one at a time: trigger, execute in the background, report, and reconcile the history with
 * the lake after any interruption (a run the service died in is failed, or succeeded if its commit
 * was decided).
 */
@Service
public class RunService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final RunStore store;
    private final OffsetPlanner planner;
    private final LandingJob job;
    private final CommitProtocol commits;
    private final LakeFiles files;
    private final LakeLayout layout;
    private final SparkSession spark;
    private final MeterRegistry meters;
    private final TaskPlacements placements;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "etl-run");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final List<Consumer<Run>> onCommitted = new ArrayList<>();

    public RunService(RunStore store, OffsetPlanner planner, LandingJob job, CommitProtocol commits, LakeFiles files,
                      LakeLayout layout, SparkSession spark, MeterRegistry meters, TaskPlacements placements) {
        this.store = store;
        this.planner = planner;
        this.job = job;
        this.commits = commits;
        this.files = files;
        this.layout = layout;
        this.spark = spark;
        this.meters = meters;
        this.placements = placements;
        this.clock = Clock.systemUTC();
    }

    /** Called with each run that committed new data (the query views refresh on it). */
    public void onCommitted(Consumer<Run> listener) {
        onCommitted.add(listener);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reconcileAtStart() {
        try {
            store.load();
            recover();
        } catch (RuntimeException e) {
            // HDFS may be away at start: the next run reconciles before it does anything.
            log.warn("Could not reconcile run history at start: {}", e.getMessage());
        }
    }

    /** Queues a run. */
    public synchronized Run trigger() {
        Run running = current.get();
        if (running != null) {
            throw new RunInProgress(running.id());
        }
        Run run = Run.queued(RunIds.next(clock.instant(), store.lastId()), clock.instant());
        store.save(run); // a lake that cannot take this record refuses the trigger (503), nothing started
        current.set(run);
        executor.submit(() -> execute(run));
        return run;
    }

    public Optional<Run> find(String id) {
        Run live = current.get();
        if (live != null && live.id().equals(id)) {
            return Optional.of(withSparkProgress(live));
        }
        return store.find(id);
    }

    /** Newest first; the running run with live progress. */
    public List<Run> list() {
        Run live = current.get();
        return store.list().stream().map(r -> live != null && live.id().equals(r.id()) ? withSparkProgress(live) : r).toList();
    }

    public Optional<Run> running() {
        return Optional.ofNullable(current.get());
    }

    private void execute(Run queued) {
        Instant started = clock.instant();
        Map<String, Long> phaseMillis = new LinkedHashMap<>();
        long[] phaseStart = {System.nanoTime()};
        Run run = update(queued.running(started));
        String outcome = "failed";
        try {
            run = reconcile(recover(), run);
            ReadPlan plan = planner.plan(commits);
            run = update(run.withOffsets(ranges(plan)));
            for (String skipped : plan.skipped()) {
                run = update(run.withNote("skipped: " + skipped));
            }
            JobResult result = job.run(run.id(), plan, phase -> {
                long now = System.nanoTime();
                phaseMillis.put(phase.name(), (now - phaseStart[0]) / 1_000_000);
                phaseStart[0] = now;
                Run r = current.get().withProgress(new Run.Progress(phase.name(), null, null)).withPhaseMillis(Map.copyOf(phaseMillis));
                current.set(r);
                if (phase != RunPhase.FILE_MOVED) {
                    store.save(r);
                }
            });
            run = current.get().withExecutors(executors(run.id()));
            if (plan.isEmpty()) {
                run = run.withNote("nothing new since the last run");
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            result.outputs().forEach((table, path) -> outputs.put(table.name().toLowerCase(), path));
            run = finish(run.withPhaseMillis(Map.copyOf(phaseMillis)).succeeded(clock.instant(), counts(result), outputs));
            record(result);
            outcome = "succeeded";
            if (result.rawRows() > 0) {
                Run committed = run;
                onCommitted.forEach(l -> l.accept(committed));
            }
        } catch (Exception e) {
            log.error("Run {} failed: {}", run.id(), e.toString());
            run = current.get().withExecutors(executors(run.id()));
            run = finish(commits.isCommitted(run.id()) || decided(run.id())
                    ? afterDecision(run, e)
                    : run.withPhaseMillis(Map.copyOf(phaseMillis)).failed(clock.instant(), describe(e)));
        } finally {
            Timer.builder("etl.run.duration").tag("outcome", outcome).register(meters)
                    .record(Duration.between(started, clock.instant()));
            clearIfStill(run.id());
        }
    }

    private List<Run.Executor> executors(String runId) {
        return placements.take(runId).stream().map(p -> new Run.Executor(p.executorId(), p.host(), p.tasks())).toList();
    }

    /** The run failed after its commit decision: complete the publication now if possible. */
    private Run afterDecision(Run run, Exception e) {
        try {
            reconcile(recover(), run);
            Manifest manifest = files.readJson(layout.manifest(run.id()), Manifest.class);
            return run.withNote("publication completed after an error: " + describe(e))
                    .succeeded(clock.instant(), counts(manifest), run.outputs());
        } catch (RuntimeException again) {
            return run.withNote("committed; publication will complete at the next run or restart")
                    .failed(clock.instant(), describe(e));
        }
    }

    private boolean decided(String runId) {
        try {
            return files.exists(layout.manifest(runId));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Makes the lake consistent, and the history agree with it. */
    private CommitProtocol.Recovery recover() {
        CommitProtocol.Recovery recovery = commits.recover();
        for (Run r : store.list()) {
            Run live = current.get();
            if (r.finished() || (live != null && live.id().equals(r.id()))) {
                if (recovery.rolledForward().contains(r.id()) && r.status() == Run.RunStatus.FAILED) {
                    store.save(r.withNote("publication completed by recovery")
                            .succeeded(r.finishedAt(), counts(files.readJson(layout.manifest(r.id()), Manifest.class)), r.outputs()));
                }
                continue;
            }
            if (commits.isCommitted(r.id())) {
                Manifest manifest = files.readJson(layout.manifest(r.id()), Manifest.class);
                store.save(r.withNote("interrupted after its commit decision; completed by recovery")
                        .succeeded(clock.instant(), counts(manifest), outputs()));
            } else {
                store.save(r.failed(clock.instant(), "interrupted (the service stopped during the run); nothing of it was landed"));
            }
        }
        return recovery;
    }

    private Run reconcile(CommitProtocol.Recovery recovery, Run run) {
        if (!recovery.isEmpty()) {
            run = update(run.withNote("recovered before starting: rolled forward " + recovery.rolledForward()
                    + ", discarded " + recovery.discarded()));
        }
        return run;
    }

    /** Records the final state and frees the slot in one step, so a finished run never blocks the next. */
    private synchronized Run finish(Run run) {
        try {
            store.save(run);
        } catch (RuntimeException e) {
            // The lake refuses even the record (full, read-only): the API still tells the outcome.
            log.error("Run {} ended {} but its record cannot be written to the lake: {}", run.id(), run.status(), e.toString());
            run = run.withNote("this record could not be written to the lake (" + rootMessage(e) + "); it is lost at restart");
            store.remember(run);
        } finally {
            current.set(null);
        }
        return run;
    }

    /** The innermost cause's message: HDFS's own words (quota exceeded, safe mode), not wrappers'. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    // A crash-like Error skips finish(): the slot must still be freed (the record stays RUNNING,
    // as after a real crash, and is reconciled at the next start).
    private synchronized void clearIfStill(String runId) {
        Run live = current.get();
        if (live != null && live.id().equals(runId)) {
            current.set(null);
        }
    }

    private Run update(Run run) {
        current.set(run);
        store.save(run);
        return run;
    }

    private Map<String, String> outputs() {
        Map<String, String> outputs = new LinkedHashMap<>();
        job.outputs().forEach((table, path) -> outputs.put(table.name().toLowerCase(), path));
        return outputs;
    }

    private void record(JobResult result) {
        meters.counter("etl.rows.landed", "table", "raw").increment(result.rawRows());
        meters.counter("etl.rows.landed", "table", "attempts").increment(result.attempts());
        meters.counter("etl.rows.landed", "table", "questions").increment(result.questions());
        meters.counter("etl.rows.landed", "table", "options").increment(result.options());
        meters.counter("etl.rows.landed", "table", "quarantine").increment(result.quarantined());
        meters.counter("etl.duplicates.skipped").increment(result.duplicatesSkipped());
    }

    private static Run.Counts counts(JobResult r) {
        return new Run.Counts(r.messagesRead(), r.rawRows(), r.attempts(), r.questions(), r.options(),
                r.duplicatesSkipped(), r.quarantined());
    }

    private static Run.Counts counts(Manifest m) {
        long raw = m.rows().getOrDefault(Table.RAW, 0L);
        long attempts = m.rows().getOrDefault(Table.ATTEMPTS, 0L);
        long quarantined = m.rows().getOrDefault(Table.QUARANTINE, 0L);
        return new Run.Counts(raw, raw, attempts, m.rows().getOrDefault(Table.QUESTIONS, 0L),
                m.rows().getOrDefault(Table.OPTIONS, 0L), raw - attempts - quarantined, quarantined);
    }

    private static List<Run.PartitionRange> ranges(ReadPlan plan) {
        return plan.end().keySet().stream()
                .map(p -> new Run.PartitionRange(p, plan.start().get(p), plan.end().get(p)))
                .toList();
    }

    private Run withSparkProgress(Run run) {
        if (run.progress() == null) {
            return run;
        }
        SparkStatusTracker tracker = spark.sparkContext().statusTracker();
        int done = 0;
        int total = 0;
        for (int jobId : tracker.getJobIdsForGroup(run.id())) {
            SparkJobInfo info = tracker.getJobInfo(jobId).getOrElse(() -> null);
            if (info == null) {
                continue;
            }
            for (int stageId : info.stageIds()) {
                SparkStageInfo stage = tracker.getStageInfo(stageId).getOrElse(() -> null);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                    total += stage.numTasks();
                }
            }
        }
        return total == 0 ? run : run.withProgress(new Run.Progress(run.progress().phase(), done, total));
    }

    private static String describe(Throwable e) {
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

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
