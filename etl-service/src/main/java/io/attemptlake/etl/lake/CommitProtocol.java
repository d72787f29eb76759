package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit seam: how a commit's output and its offsets become visible together, exactly once.
 *
 * <ol>
 *   <li>Spark writes a commit's tables under {@code _staging/COMMIT/}: invisible to every reader.</li>
 *   <li>{@link #commit} writes {@code _commits/COMMIT/manifest.json} atomically: staged file → table
 *       file, and the end offsets. This is the decision; before it the commit never happened.</li>
 *   <li>Each staged file is renamed into its table (HDFS renames are atomic).</li>
 *   <li>{@code _commits/COMMIT/_COMMITTED} is written last; then staging is removed.</li>
 * </ol>
 * {@link #recover} runs before every run (and at start): a manifest without marker is rolled
 * forward, staging without manifest is deleted. So a crash at any point leaves either nothing or,
 * after recovery, everything, and the next commit starts from the offsets of the last manifest.
 *
 * <p>What readers see: table directories only ever hold files of decided commits. Our query API
 * leaves out the files of a commit that is decided but not yet marked ({@link #unpublished}), so a
 * commit appears in all tables at once; plain readers may see some of its files before others for
 * the milliseconds its renames take.
 */
public final class CommitProtocol {

    private static final Logger log = LoggerFactory.getLogger(CommitProtocol.class);

    /** What recovery found and did. */
    public record Recovery(List<String> rolledForward, List<String> discarded) {
        public boolean isEmpty() {
            return rolledForward.isEmpty() && discarded.isEmpty();
        }
    }

    /** The points a commit passes (a run's listeners see them as phases). */
    public enum Step { MANIFEST_WRITTEN, FILE_MOVED, FILES_MOVED, MARKED_COMMITTED, CLEANED }

    private final LakeFiles files;
    private final LakeLayout layout;
    private final LakeAccess access;

    public CommitProtocol(LakeFiles files, LakeLayout layout, LakeAccess access) {
        this.files = files;
        this.layout = layout;
        this.access = access;
    }

    /**
     * Decides and publishes a commit whose tables are staged as {@code staged} (exactly the files
     * of the task attempts that succeeded); {@code reached} hears each step.
     */
    public Manifest commit(String commitId, String topic, SortedMap<Integer, Long> start, SortedMap<Integer, Long> end,
                           List<StagedFile> staged, Map<Table, Long> rows, Consumer<Step> reached) {
        List<Manifest.FileMove> moves = new ArrayList<>();
        for (StagedFile file : staged) {
            Path from = new Path(file.path());
            Path committed = new Path(new Path(layout.table(file.table()), file.partition()), commitId + "-" + from.getName());
            moves.add(new Manifest.FileMove(file.table(), layout.relative(from), layout.relative(committed)));
        }
        Manifest manifest = new Manifest(commitId, topic, start, end, List.copyOf(moves), Map.copyOf(rows), Instant.now());
        files.writeJson(layout.manifest(commitId), manifest, false);
        reached.accept(Step.MANIFEST_WRITTEN);
        publish(manifest, reached);
        return manifest;
    }

    /** Moves a decided commit's files into place, marks it, removes its staging. Idempotent. */
    private void publish(Manifest manifest, Consumer<Step> reached) {
        String commitId = manifest.commitId();
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
                reached.accept(Step.FILE_MOVED);
            }
            reached.accept(Step.FILES_MOVED);
            files.touch(layout.committedMarker(commitId));
            reached.accept(Step.MARKED_COMMITTED);
            files.delete(layout.staging(commitId));
            reached.accept(Step.CLEANED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the lake consistent after any interruption: roll decided commits forward, drop the rest. */
    public Recovery recover() {
        access.prepare();
        List<String> rolledForward = new ArrayList<>();
        for (String commitId : unpublished()) {
            log.warn("Commit {} was interrupted after its decision: rolling it forward", commitId);
            publish(files.readJson(layout.manifest(commitId), Manifest.class), step -> { });
            rolledForward.add(commitId);
        }
        List<String> discarded = new ArrayList<>();
        for (Path staging : files.directories(layout.staging())) {
            String commitId = staging.getName();
            if (!files.exists(layout.manifest(commitId))) {
                log.warn("Commit {} was interrupted before its decision: discarding its staged output", commitId);
                discarded.add(commitId);
            }
            files.delete(staging); // published commits' leftovers too
        }
        return new Recovery(List.copyOf(rolledForward), List.copyOf(discarded));
    }

    public boolean isCommitted(String commitId) {
        return files.exists(layout.committedMarker(commitId));
    }

    public boolean isDecided(String commitId) {
        return files.exists(layout.manifest(commitId));
    }

    /** Decided commits whose publication has not finished: their files may be partly in place. */
    public TreeSet<String> unpublished() {
        TreeSet<String> open = new TreeSet<>();
        for (Path commit : files.directories(layout.commits())) {
            String id = commit.getName();
            if (!isCommitted(id) && isDecided(id)) {
                open.add(id);
            }
        }
        return open;
    }

    /** The decided commits of a run, in order. */
    public List<String> commitsOf(String runId) {
        return files.directories(layout.commits()).stream().map(Path::getName)
                .filter(id -> id.startsWith(runId + "-") && isDecided(id))
                .sorted().toList();
    }

    public Manifest manifest(String commitId) {
        return files.readJson(layout.manifest(commitId), Manifest.class);
    }

    /** The last decided commit's manifest: its end offsets are where the next commit starts. */
    public Optional<Manifest> lastCommitted() {
        Optional<String> last = files.directories(layout.commits()).stream()
                .map(Path::getName)
                .filter(this::isDecided)
                .max(Comparator.naturalOrder());
        if (last.isPresent() && !isCommitted(last.get())) {
            // Reading offsets past an unpublished decision would land its range twice.
            throw new IllegalStateException("commit " + last.get() + " is decided but not published: recover() first");
        }
        return last.map(this::manifest);
    }
}
