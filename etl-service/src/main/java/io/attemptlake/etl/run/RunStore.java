package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Run history, kept in the lake ({@code _runs/RUN/run.json}) beside each run's manifest, so it
 * survives restarts and moves with the lake. Cached in memory, loaded from the lake at start.
 */
@Component
public class RunStore {

    private static final Logger log = LoggerFactory.getLogger(RunStore.class);

    private final LakeFiles files;
    private final LakeLayout layout;
    private final ConcurrentSkipListMap<String, Run> runs = new ConcurrentSkipListMap<>();
    private final Map<String, Run> pending = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-records");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean loaded;

    public RunStore(LakeFiles files, LakeLayout layout) {
        this.files = files;
        this.layout = layout;
    }

    /** Reads every run record from the lake. */
    public synchronized void load() {
        runs.clear();
        for (Path dir : files.directories(layout.runs())) {
            String id = dir.getName();
            if (!files.exists(layout.runRecord(id))) {
                continue;
            }
            try {
                runs.put(id, files.readJson(layout.runRecord(id), Run.class));
            } catch (RuntimeException e) {
                log.warn("Unreadable run record {}: {}", id, e.getMessage());
            }
        }
        loaded = true;
    }

    /** Writes the record now; when it returns, the lake has it (or it threw). */
    public void save(Run run) {
        try {
            writer.submit(() -> files.writeJson(layout.runRecord(run.id()), run, true)).get();
            runs.put(run.id(), run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving run " + run.id(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Writes the record soon, off the caller's thread: a run's phases are not held up by HDFS
     * round trips. Writes keep their order (one writer), and a newer record for the same run
     * replaces a pending one. A failure is logged; the next {@link #save} reports it.
     */
    void saveLater(Run run) {
        runs.put(run.id(), run);
        if (pending.put(run.id(), run) == null) {
            writer.execute(() -> {
                Run latest = pending.remove(run.id());
                if (latest != null) {
                    try {
                        files.writeJson(layout.runRecord(latest.id()), latest, true);
                    } catch (RuntimeException e) {
                        log.warn("Could not record run {} in the lake: {}", latest.id(), e.getMessage());
                    }
                }
            });
        }
    }

    /** Kept in memory only: the lake would not take it. */
    void remember(Run run) {
        runs.put(run.id(), run);
    }

    public Optional<Run> find(String id) {
        ensureLoaded();
        return Optional.ofNullable(runs.get(id));
    }

    /** Newest first. */
    public List<Run> list() {
        ensureLoaded();
        List<Run> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(Run::id).reversed());
        return all;
    }

    /** The newest run directory's name, readable record or not. */
    public Optional<String> lastId() {
        return files.directories(layout.runs()).stream().map(Path::getName).max(Comparator.naturalOrder());
    }

    private void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }
}
