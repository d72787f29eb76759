package io.attemptlake.etl.runs;

import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
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

    public void save(Run run) {
        files.writeJson(layout.runRecord(run.id()), run, true);
        runs.put(run.id(), run);
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
