package io.attemptlake.etl.lake;

import io.attemptlake.etl.FaultInjector;
import io.attemptlake.etl.RunPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit seam: how a run's output and its offsets become visible together, exactly once.
 *
 * <ol>
 *   <li>Spark writes a run's tables under {@code _staging/RUN/}: invisible to every reader.</li>
 *   <li>{@link #commit} writes {@code _runs/RUN/manifest.json} atomically: staged file → table
 *       file, and the end offsets. This is the decision; before it the run never happened.</li>
 *   <li>Each staged file is renamed into its table (HDFS renames are atomic).</li>
 *   <li>{@code _runs/RUN/_COMMITTED} is written last; then staging is removed.</li>
 * </ol>
 * {@link #recover} runs before every run (and at start): a manifest without marker is rolled
 * forward, staging without manifest is deleted. So a crash at any point leaves either nothing or,
 * after recovery, everything, and the next run starts from the offsets of the last manifest.
 *
 * <p>What readers see: protocol-aware readers (our query API) read the files listed by
 * committed manifests only, so all tables of a run appear at once. Plain readers of the table
 * directories (Spark, Hive, DuckDB) never see a file of an undecided run; while a decided run's
 * files are being renamed (milliseconds) they may see some of its files before others.
 */
public final class CommitProtocol {

    private static final Logger log = LoggerFactory.getLogger(CommitProtocol.class);

    /** What recovery found and did. */
    public record Recovery(List<String> rolledForward, List<String> discarded) {
        public boolean isEmpty() {
            return rolledForward.isEmpty() && discarded.isEmpty();
        }
    }

    private final LakeFiles files;
    private final LakeLayout layout;
    private final LakeAccess access;
    private final FaultInjector faults;

    public CommitProtocol(LakeFiles files, LakeLayout layout, LakeAccess access, FaultInjector faults) {
        this.files = files;
        this.layout = layout;
        this.access = access;
        this.faults = faults;
    }

    /** Decides and publishes a run whose tables are staged. */
    public Manifest commit(String runId, String topic, SortedMap<Integer, Long> start, SortedMap<Integer, Long> end,
                           Map<Table, Long> rows) {
        List<Manifest.FileMove> moves = new ArrayList<>();
        for (Table table : Table.values()) {
            Path stagedRoot = layout.staged(runId, table);
            for (Path staged : files.parquetFiles(stagedRoot)) {
                String partitionDirs = relativeDir(stagedRoot, staged.getParent());
                Path committed = new Path(partitionDirs.isEmpty() ? layout.table(table)
                        : new Path(layout.table(table), partitionDirs), runId + "-" + staged.getName());
                moves.add(new Manifest.FileMove(table, layout.relative(staged), layout.relative(committed)));
            }
        }
        Manifest manifest = new Manifest(runId, topic, start, end, List.copyOf(moves), Map.copyOf(rows), Instant.now());
        files.writeJson(layout.manifest(runId), manifest, false);
        faults.reached(RunPhase.MANIFEST_WRITTEN, runId);
        publish(manifest);
        return manifest;
    }

    /** Moves a decided run's files into place, marks it committed, removes its staging. Idempotent. */
    private void publish(Manifest manifest) {
        String runId = manifest.runId();
        FileSystem fs = files.fs();
        try {
            for (Manifest.FileMove move : manifest.files()) {
                Path from = layout.resolve(move.staged());
                Path to = layout.resolve(move.committed());
                if (fs.exists(to)) {
                    continue; // moved before an interruption
                }
                access.beforeMove(to);
                fs.mkdirs(to.getParent());
                if (!fs.rename(from, to)) {
                    throw new IOException("cannot move " + from + " to " + to);
                }
                faults.reached(RunPhase.FILE_MOVED, runId);
            }
            faults.reached(RunPhase.FILES_MOVED, runId);
            files.touch(layout.committedMarker(runId));
            faults.reached(RunPhase.MARKED_COMMITTED, runId);
            files.delete(layout.staging(runId));
            faults.reached(RunPhase.CLEANED, runId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the lake consistent after any interruption: roll decided runs forward, drop the rest. */
    public Recovery recover() {
        access.prepare();
        List<String> rolledForward = new ArrayList<>();
        List<String> discarded = new ArrayList<>();
        for (Path run : files.directories(layout.runs())) {
            String runId = run.getName();
            if (files.exists(layout.manifest(runId)) && !files.exists(layout.committedMarker(runId))) {
                log.warn("Run {} was interrupted after its commit decision: rolling it forward", runId);
                publish(files.readJson(layout.manifest(runId), Manifest.class));
                rolledForward.add(runId);
            }
        }
        for (Path staging : files.directories(layout.staging())) {
            String runId = staging.getName();
            if (!files.exists(layout.manifest(runId))) {
                log.warn("Run {} was interrupted before its commit decision: discarding its staged output", runId);
                discarded.add(runId);
            }
            files.delete(staging); // committed runs' leftovers too
        }
        return new Recovery(List.copyOf(rolledForward), List.copyOf(discarded));
    }

    public boolean isCommitted(String runId) {
        return files.exists(layout.committedMarker(runId));
    }

    /** Manifests of committed runs, oldest first (run ids sort by time). */
    public List<Manifest> committed() {
        return files.directories(layout.runs()).stream()
                .map(Path::getName)
                .filter(this::isCommitted)
                .filter(id -> files.exists(layout.manifest(id)))
                .sorted()
                .map(id -> files.readJson(layout.manifest(id), Manifest.class))
                .toList();
    }

    /** The last committed run's manifest: its end offsets are where the next run starts. */
    public Optional<Manifest> lastCommitted() {
        Optional<String> last = files.directories(layout.runs()).stream()
                .map(Path::getName)
                .filter(id -> files.exists(layout.manifest(id)))
                .max(Comparator.naturalOrder());
        if (last.isPresent() && !isCommitted(last.get())) {
            // Reading offsets past an unpublished decision would land its range twice.
            throw new IllegalStateException("run " + last.get() + " is decided but not published: recover() first");
        }
        return last.map(id -> files.readJson(layout.manifest(id), Manifest.class));
    }

    private static String relativeDir(Path root, Path dir) {
        String r = root.toUri().getPath();
        String d = dir.toUri().getPath();
        return d.equals(r) ? "" : d.substring(r.length() + 1);
    }
}
