package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 *   <li>Each staged file is renamed into its tenant table's directory (HDFS renames are atomic).</li>
 *   <li>Each tenant table touched appends its files to its Delta log, under the commit's sequence
 *       as an idempotent transaction id: Delta readers of that table now see them, all at once.</li>
 *   <li>{@code _commits/COMMIT/_COMMITTED} is written last, with the versions the tables reached;
 *       then staging is removed.</li>
 * </ol>
 * {@link #recover} runs before every run (and at start): a manifest without marker is rolled
 * forward (a table that recorded the append is left alone), staging without manifest is deleted.
 * So a crash at any point leaves either nothing or, after recovery, everything, and the next commit
 * starts from the offsets of the last manifest.
 *
 * <p>What readers see: Delta readers of one tenant table see a commit's files in it at once. Our
 * query API reads every table at the versions of {@link #visible()}, so a commit appears in all
 * tables at once. A plain Parquet reader of the directories sees files from their rename on, and
 * files the log has removed until they are vacuumed.
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
    public enum Step { MANIFEST_WRITTEN, FILE_MOVED, FILES_MOVED, TABLE_APPENDED, MARKED_COMMITTED, CLEANED }

    /** What a published commit left: the version of each tenant table it appended to (its marker holds it). */
    public record Published(SortedMap<String, Long> versions) {

        public TableVersions tables() {
            return TableVersions.byPath(versions);
        }
    }

    private final LakeFiles files;
    private final LakeLayout layout;
    private final LakeAccess access;
    private final DeltaTables delta;
    private final LakeVersions versions;

    public CommitProtocol(LakeFiles files, LakeLayout layout, LakeAccess access, DeltaTables delta) {
        this.files = files;
        this.layout = layout;
        this.access = access;
        this.delta = delta;
        this.versions = new LakeVersions(delta, files, () -> unpublished().stream().map(this::manifest)
                .map(m -> new LakeVersions.Unpublished(m.sequence(), tablesOf(m))).toList());
    }

    /**
     * Decides and publishes a commit whose tables are staged as {@code staged} (exactly the files
     * of the task attempts that succeeded); {@code reached} hears each step. {@code sequence} must
     * grow from commit to commit.
     */
    public Published commit(String commitId, long sequence, String topic, SortedMap<Integer, Long> start,
                            SortedMap<Integer, Long> end, List<StagedFile> staged, Map<Table, Long> rows,
                            long erased, Consumer<Step> reached) {
        List<Manifest.FileMove> moves = new ArrayList<>();
        for (StagedFile file : staged) {
            Path from = new Path(file.path());
            Partition partition = Partition.parse(file.partition());
            TenantTable table = new TenantTable(file.table(), partition.tenant());
            Path committed = new Path(new Path(layout.table(file.table()), file.partition()), commitId + "-" + from.getName());
            moves.add(new Manifest.FileMove(table, partition.day(), layout.relative(from), layout.relative(committed),
                    file.rows(), file.bytes()));
        }
        Manifest manifest = new Manifest(commitId, sequence, topic, start, end, List.copyOf(moves), Map.copyOf(rows),
                erased, Instant.now());
        files.writeJson(layout.manifest(commitId), manifest, false);
        reached.accept(Step.MANIFEST_WRITTEN);
        return publish(manifest, reached);
    }

    /** Moves a decided commit's files into place, appends them to their tables, marks it. Idempotent. */
    private Published publish(Manifest manifest, Consumer<Step> reached) {
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
            SortedMap<String, Long> appended = new TreeMap<>();
            Map<TenantTable, List<Manifest.FileMove>> byTable = manifest.files().stream()
                    .collect(Collectors.groupingBy(Manifest.FileMove::table, TreeMap::new, Collectors.toList()));
            for (Map.Entry<TenantTable, List<Manifest.FileMove>> t : byTable.entrySet()) {
                List<DeltaTables.DataFile> data = t.getValue().stream()
                        .map(m -> new DeltaTables.DataFile(layout.resolve(m.committed()).toString(), m.day(), m.rows(), m.bytes()))
                        .toList();
                appended.put(t.getKey().path(), delta.append(t.getKey(), manifest.sequence(), data));
                reached.accept(Step.TABLE_APPENDED);
            }
            Published published = new Published(appended);
            files.writeJson(layout.committedMarker(commitId), published, true);
            versions.advanced(published.tables());
            reached.accept(Step.MARKED_COMMITTED);
            files.delete(layout.staging(commitId));
            reached.accept(Step.CLEANED);
            return published;
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
            versions.forget();
            publish(manifest(commitId), step -> { });
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

    /**
     * The version of every tenant table that readers see: as the last published commit or
     * maintenance left it. Never a commit's appends in some tables and not in others.
     */
    public TableVersions visible() {
        return versions.visible();
    }

    /** The tables changed in ways readers must learn from their logs: read them again when next asked. */
    public void forget() {
        versions.forget();
    }

    /** Maintenance (not a commit of this protocol) changed these tables: readers see their latest versions now. */
    public void maintained(Iterable<TenantTable> tables) {
        SortedMap<TenantTable, Long> latest = new TreeMap<>();
        for (TenantTable t : tables) {
            latest.put(t, delta.latestVersion(t));
        }
        versions.advanced(new TableVersions(latest));
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

    /** What a published commit appended, by table (nothing for a commit from before the tables were Delta tables). */
    public Published published(String commitId) {
        Path marker = layout.committedMarker(commitId);
        try {
            if (files.fs().getFileStatus(marker).getLen() == 0) {
                return new Published(new TreeMap<>());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.readJson(marker, Published.class);
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

    private static List<TenantTable> tablesOf(Manifest m) {
        return m.files().stream().map(Manifest.FileMove::table).distinct().toList();
    }

    /** A file's partition directories, {@code tenant=T/ingest_date=D}. */
    private record Partition(String tenant, LocalDate day) {
        static Partition parse(String dirs) {
            String[] parts = dirs.split("/");
            String tenant = parts[0].substring(TenantTable.PREFIX.length());
            String day = parts[1].substring(parts[1].indexOf('=') + 1);
            return new Partition(tenant, day.equals(TenantTable.NO_TENANT) ? null : LocalDate.parse(day));
        }
    }
}
