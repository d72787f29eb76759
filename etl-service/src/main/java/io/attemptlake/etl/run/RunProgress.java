package io.attemptlake.etl.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The run in flight, as the API shows it: its record, kept in the lake at every phase, the phase
 * and commit it is at, how long each phase took (summed over its commits), and Spark's task counts.
 * The first listener of every phase, so the record says where a run was even if a later one stops it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RunProgress implements RunListener {

    private final RunStore store;
    private final SparkSession spark;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final Map<String, Long> phaseMillis = new LinkedHashMap<>();
    private long phaseStart;

    public RunProgress(RunStore store, SparkSession spark) {
        this.store = store;
        this.spark = spark;
    }

    /** Claims the slot for {@code run}; false if another run holds it. */
    synchronized boolean begin(Run run) {
        if (current.get() != null) {
            return false;
        }
        phaseMillis.clear();
        current.set(run);
        return true;
    }

    Optional<Run> current() {
        return Optional.ofNullable(current.get());
    }

    /** The run's new state, recorded in the lake. */
    Run update(Run run) {
        current.set(run);
        store.save(run);
        return run;
    }

    /** The phase timings so far, on the run (phases after the last one reached are not in it). */
    synchronized Run timed(Run run) {
        return run.withPhaseMillis(Map.copyOf(phaseMillis));
    }

    /** Frees the slot, whatever became of the run. */
    synchronized void end(String runId) {
        Run live = current.get();
        if (live != null && live.id().equals(runId)) {
            current.set(null);
        }
    }

    /** Marks the start of the run's first phase. */
    synchronized void started() {
        phaseStart = System.nanoTime();
    }

    @Override
    public void reached(RunPhase phase, Position at) {
        Run run;
        synchronized (this) {
            long now = System.nanoTime();
            phaseMillis.merge(phase.name(), (now - phaseStart) / 1_000_000, Long::sum);
            phaseStart = now;
            Run live = current.get();
            if (live == null || !live.id().equals(at.runId())) {
                return;
            }
            run = live.withProgress(new Run.Progress(phase.name(), at.commit(), at.commits(), null, null))
                    .withPhaseMillis(Map.copyOf(phaseMillis));
            current.set(run);
        }
        if (phase != RunPhase.FILE_MOVED) {
            store.saveLater(run);
        }
    }

    /** The run with Spark's live task counts for its job group, if it is the one running. */
    Run live(Run run) {
        Run live = current.get();
        if (live == null || !live.id().equals(run.id()) || live.progress() == null) {
            return run;
        }
        SparkStatusTracker tracker = spark.sparkContext().statusTracker();
        int done = 0;
        int total = 0;
        for (int jobId : tracker.getJobIdsForGroup(live.id())) {
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
        Run.Progress p = live.progress();
        return total == 0 ? live : live.withProgress(new Run.Progress(p.phase(), p.commit(), p.commits(), done, total));
    }
}
