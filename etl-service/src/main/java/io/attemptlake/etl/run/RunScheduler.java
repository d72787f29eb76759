package io.attemptlake.etl.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs, one at a time: a trigger queues a run, which executes in the background; the history
 * answers for the others. At start, the history is reconciled with the lake (a run the service
 * died in is settled from what it committed).
 */
@Service
public class RunScheduler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);

    private final RunStore store;
    private final RunHistory history;
    private final RunExecution execution;
    private final RunProgress progress;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "etl-run");
        t.setDaemon(true);
        return t;
    });

    RunScheduler(RunStore store, RunHistory history, RunExecution execution, RunProgress progress, MeterRegistry meters) {
        this.store = store;
        this.history = history;
        this.execution = execution;
        this.progress = progress;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reconcileAtStart() {
        try {
            store.load();
            history.reconcile(progress.current().map(Run::id));
        } catch (RuntimeException e) {
            // HDFS may be away at start: the next run reconciles before it does anything.
            log.warn("Could not reconcile run history at start: {}", e.getMessage());
        }
    }

    /** Queues a run. */
    public synchronized Run trigger() {
        Optional<Run> running = progress.current();
        if (running.isPresent()) {
            throw new RunInProgress(running.get().id());
        }
        Run run = Run.queued(RunIds.next(clock.instant(), store.lastId()), clock.instant());
        store.save(run); // a lake that cannot take this record refuses the trigger (503), nothing started
        progress.begin(run);
        executor.submit(() -> execute(run));
        return run;
    }

    private void execute(Run run) {
        long started = System.nanoTime();
        Run finished = run;
        try {
            finished = execution.execute(run);
        } finally {
            // An Error (a simulated crash) skips this: the record stays RUNNING, as after a real one.
            if (finished != run) {
                record(finished);
            }
            Timer.builder("etl.run.duration").tag("outcome", finished.status() == Run.RunStatus.SUCCEEDED ? "succeeded" : "failed")
                    .register(meters).record(Duration.ofNanos(System.nanoTime() - started));
            progress.end(run.id());
        }
    }

    /** Records the final state; the API still tells it when the lake refuses the record. */
    private void record(Run run) {
        try {
            store.save(run);
        } catch (RuntimeException e) {
            log.error("Run {} ended {} but its record cannot be written to the lake: {}", run.id(), run.status(), e.toString());
            store.remember(run.withNote("this record could not be written to the lake (" + rootMessage(e)
                    + "); it is lost at restart"));
        }
    }

    public Optional<Run> find(String id) {
        Optional<Run> live = progress.current().filter(r -> r.id().equals(id));
        return live.isPresent() ? live.map(progress::live) : store.find(id);
    }

    /** Newest first; the running run with live progress. */
    public List<Run> list() {
        Optional<Run> live = progress.current();
        return store.list().stream()
                .map(r -> live.isPresent() && live.get().id().equals(r.id()) ? progress.live(live.get()) : r)
                .toList();
    }

    public Optional<Run> running() {
        return progress.current();
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

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
