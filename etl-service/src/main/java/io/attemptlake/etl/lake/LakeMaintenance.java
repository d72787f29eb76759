package io.attemptlake.etl.lake;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * What every change to the lake other than a run's commit shares (an erasure, a purge, a
 * compaction): it holds the lake, starts from a recovered lake at the versions readers see, tells
 * readers the versions it leaves, and keeps an audit entry under {@code _maintenance/<kind>/}.
 */
public final class LakeMaintenance {

    private static final Logger log = LoggerFactory.getLogger(LakeMaintenance.class);
    // Maintenance waits this long for a run (or other maintenance) to leave the lake, then is refused.
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final LakeLock lock;
    private final CommitProtocol commits;
    private final LakeFiles files;
    private final LakeLayout layout;
    private final LegacyLake legacy;

    public LakeMaintenance(LakeLock lock, CommitProtocol commits, LakeFiles files, LakeLayout layout, LegacyLake legacy) {
        this.legacy = legacy;
        this.lock = lock;
        this.commits = commits;
        this.files = files;
        this.layout = layout;
    }

    /**
     * Runs {@code work} on the lake as readers see it, alone, after recovery.
     *
     * @throws LakeLock.Busy when a run or other maintenance keeps the lake too long
     */
    public <T> T holding(Function<TableVersions, T> work) {
        return lock.holding(PATIENCE, () -> {
            commits.recover(); // a commit left half published would hide rows from what it sees
            if (!legacy.upgrade().isEmpty()) {
                commits.forget();
            }
            return work.apply(commits.visible());
        });
    }

    /** Readers see these tables at their latest versions from now on; the new versions. */
    public TableVersions changed(Iterable<TenantTable> tables) {
        commits.maintained(tables);
        TableVersions now = commits.visible();
        java.util.SortedMap<TenantTable, Long> changed = new java.util.TreeMap<>();
        tables.forEach(t -> changed.put(t, now.versions().get(t)));
        return new TableVersions(changed);
    }

    public void record(String kind, String id, Object entry) {
        files.writeJson(entry(kind, id), entry, false);
    }

    public <T> Optional<T> find(String kind, String id, Class<T> type) {
        Path path = entry(kind, id);
        return files.exists(path) ? Optional.of(files.readJson(path, type)) : Optional.empty();
    }

    /** Runs {@code work} every {@code interval} (0: never), logging what keeps it from running. */
    public static void every(ScheduledTaskRegistrar tasks, Duration interval, String what, Runnable work) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        tasks.addFixedDelayTask(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("Scheduled {} did not run: {}", what, e.toString());
            }
        }, interval);
    }

    private Path entry(String kind, String id) {
        return new Path(new Path(layout.maintenance(), kind), id + ".json");
    }
}
