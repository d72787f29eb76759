package io.attemptlake.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The commit decisions, step by step, on the local file system through Hadoop's own FileSystem API
 * and Delta Kernel's logs: a crash after any step leaves a lake that recovery makes whole, each file
 * published, and appended to its tenant table's log, exactly once. (LakeFaultsTest and
 * CrashRecoveryTest prove the same on HDFS, under Spark, with processes killed.)
 */
@Tag("fast")
class CommitProtocolTest {

    private static final String PARTITION = "tenant=pearson/ingest_date=2026-11-30";

    @TempDir
    java.nio.file.Path dir;

    private static final TenantTable PEARSON_ATTEMPTS = new TenantTable(Table.ATTEMPTS, "pearson");
    // The log does not read data files: any columns do for these stand-ins.
    private static final StructType COLUMNS = new StructType().add("value", DataTypes.StringType)
            .add("tenant", DataTypes.StringType).add("ingest_date", DataTypes.DateType);

    private FileSystem local;
    private LakeLayout layout;
    private DeltaTables delta;

    @BeforeEach
    void lake() throws IOException {
        local = FileSystem.getLocal(new Configuration()).getRaw();
        layout = new LakeLayout(dir.toUri().toString());
        delta = new DeltaTables(new Configuration(), layout, t -> COLUMNS);
    }

    @Test
    void commitPublishesEveryStagedFileThenMarksItAndRemovesStaging() {
        CommitProtocol commits = protocol(local);
        List<StagedFile> staged = stage("r1-0001", Table.ATTEMPTS, Table.QUESTIONS, Table.RAW);
        List<CommitProtocol.Step> steps = new ArrayList<>();

        CommitProtocol.Published published = commits.commit("r1-0001", 11, "assessments", offsets(0), offsets(42),
                staged, Map.of(Table.ATTEMPTS, 1L), 0, steps::add);

        assertThat(steps).containsExactly(CommitProtocol.Step.MANIFEST_WRITTEN, CommitProtocol.Step.FILE_MOVED,
                CommitProtocol.Step.FILE_MOVED, CommitProtocol.Step.FILE_MOVED, CommitProtocol.Step.FILES_MOVED,
                CommitProtocol.Step.TABLE_APPENDED, CommitProtocol.Step.TABLE_APPENDED, CommitProtocol.Step.TABLE_APPENDED,
                CommitProtocol.Step.MARKED_COMMITTED, CommitProtocol.Step.CLEANED);
        assertThat(published(Table.ATTEMPTS)).containsExactly("r1-0001-part-attempts.parquet");
        assertThat(published(Table.RAW)).containsExactly("r1-0001-part-raw.parquet");
        assertThat(logged(Table.ATTEMPTS)).containsExactly("r1-0001-part-attempts.parquet");
        // Version 0 creates the table, 1 holds the commit's files.
        assertThat(published.versions()).containsEntry("flattened/attempts/tenant=pearson", 1L).hasSize(3);
        assertThat(commits.published("r1-0001")).isEqualTo(published);
        assertThat(commits.visible().versions()).containsEntry(PEARSON_ATTEMPTS, 1L).hasSize(3);
        assertThat(delta.lastTransaction(PEARSON_ATTEMPTS)).isEqualTo(11);
        assertThat(commits.isCommitted("r1-0001")).isTrue();
        assertThat(commits.unpublished()).isEmpty();
        assertThat(exists(layout.staging("r1-0001"))).isFalse();
        Manifest manifest = commits.manifest("r1-0001");
        assertThat(commits.lastCommitted()).contains(manifest);
        assertThat(manifest.endOffsets()).isEqualTo(offsets(42));
        assertThat(manifest.sequence()).isEqualTo(11);
    }

    @ParameterizedTest
    @EnumSource(value = CommitProtocol.Step.class, names = {"MANIFEST_WRITTEN", "FILE_MOVED", "FILES_MOVED", "TABLE_APPENDED"})
    void crashAfterTheDecisionIsRolledForwardWithEachFileOnce(CommitProtocol.Step crashAfter) {
        CommitProtocol commits = protocol(local);
        List<StagedFile> staged = stage("r1-0001", Table.ATTEMPTS, Table.QUESTIONS, Table.OPTIONS);

        assertThatThrownBy(() -> commits.commit("r1-0001", 11, "assessments", offsets(0), offsets(42), staged, Map.of(),
                0, crashAt(crashAfter))).isInstanceOf(Crash.class);

        assertThat(commits.isDecided("r1-0001")).isTrue();
        assertThat(commits.unpublished()).containsExactly("r1-0001");
        assertThatThrownBy(commits::lastCommitted).as("offsets past an unpublished commit are not handed out")
                .isInstanceOf(IllegalStateException.class);
        assertThat(protocol(local).visible().versions().values()).as("readers see none of an unpublished commit")
                .allMatch(v -> v == 0);

        CommitProtocol.Recovery recovery = protocol(local).recover();

        assertThat(recovery.rolledForward()).containsExactly("r1-0001");
        assertThat(recovery.discarded()).isEmpty();
        for (Table table : List.of(Table.ATTEMPTS, Table.QUESTIONS, Table.OPTIONS)) {
            String file = "r1-0001-part-" + table.name().toLowerCase() + ".parquet";
            assertThat(published(table)).containsExactly(file);
            assertThat(logged(table)).as("appended once to %s's log", table).containsExactly(file);
        }
        assertThat(protocol(local).visible().versions().values()).allMatch(v -> v == 1);
        assertThat(commits.isCommitted("r1-0001")).isTrue();
        assertThat(commits.lastCommitted().orElseThrow().endOffsets()).isEqualTo(offsets(42));
        assertThat(protocol(local).recover().isEmpty()).as("recovery is idempotent").isTrue();
    }

    @Test
    void crashAfterTheMarkerOnlyLeavesStagingToClean() {
        CommitProtocol commits = protocol(local);
        List<StagedFile> staged = stage("r1-0001", Table.ATTEMPTS);

        assertThatThrownBy(() -> commits.commit("r1-0001", 11, "assessments", offsets(0), offsets(7), staged, Map.of(),
                0, crashAt(CommitProtocol.Step.MARKED_COMMITTED))).isInstanceOf(Crash.class);

        assertThat(commits.unpublished()).isEmpty();
        assertThat(commits.recover().rolledForward()).isEmpty();
        assertThat(exists(layout.staging("r1-0001"))).isFalse();
        assertThat(published(Table.ATTEMPTS)).hasSize(1);
    }

    @Test
    void stagedOutputWithoutADecisionIsDiscardedAndNeverPublished() {
        stage("r1-0002", Table.ATTEMPTS, Table.RAW);

        CommitProtocol.Recovery recovery = protocol(local).recover();

        assertThat(recovery.discarded()).containsExactly("r1-0002");
        assertThat(published(Table.ATTEMPTS)).isEmpty();
        assertThat(exists(layout.staging("r1-0002"))).isFalse();
        assertThat(protocol(local).lastCommitted()).isEmpty();
    }

    @Test
    void aFailedMoveLeavesTheDecisionForRecoveryToFinish() {
        // The file system refuses the second move (as HDFS does when a NameNode fails over mid-rename).
        CommitProtocol failing = protocol(new RefusingRenames(local, 1));
        List<StagedFile> staged = stage("r1-0001", Table.ATTEMPTS, Table.QUESTIONS);

        assertThatThrownBy(() -> failing.commit("r1-0001", 11, "assessments", offsets(0), offsets(9), staged, Map.of(),
                0, step -> { })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot move");
        assertThat(published(Table.ATTEMPTS).size() + published(Table.QUESTIONS).size()).isEqualTo(1);

        assertThat(protocol(local).recover().rolledForward()).containsExactly("r1-0001");
        assertThat(published(Table.ATTEMPTS)).hasSize(1);
        assertThat(published(Table.QUESTIONS)).hasSize(1);
    }

    @Test
    void theNextCommitStartsFromTheLastDecidedOne() {
        CommitProtocol commits = protocol(local);
        commits.commit("r1-0001", 11, "assessments", offsets(0), offsets(10), stage("r1-0001", Table.RAW), Map.of(), 0, s -> { });
        commits.commit("r1-0002", 12, "assessments", offsets(10), offsets(25), stage("r1-0002", Table.RAW), Map.of(), 0, s -> { });
        commits.commit("r2-0001", 21, "assessments", offsets(25), offsets(30), stage("r2-0001", Table.RAW), Map.of(), 0, s -> { });

        assertThat(commits.lastCommitted().orElseThrow().commitId()).isEqualTo("r2-0001");
        assertThat(commits.commitsOf("r1")).containsExactly("r1-0001", "r1-0002");
        assertThat(published(Table.RAW)).hasSize(3);
        assertThat(logged(Table.RAW)).hasSize(3);
        assertThat(delta.latestVersion(new TenantTable(Table.RAW, "pearson"))).isEqualTo(3);
    }

    @Test
    void anAppendTheTableHasRecordedIsNotMadeAgain() {
        CommitProtocol commits = protocol(local);
        commits.commit("r1-0001", 11, "assessments", offsets(0), offsets(10), stage("r1-0001", Table.ATTEMPTS), Map.of(), 0,
                s -> { });
        DeltaTables.DataFile file = delta.files(PEARSON_ATTEMPTS, 1).get(0);

        assertThat(delta.append(PEARSON_ATTEMPTS, 11, List.of(file))).as("the version holding it").isEqualTo(1);
        assertThat(delta.append(PEARSON_ATTEMPTS, 5, List.of(file))).as("an older commit").isEqualTo(1);
        assertThat(delta.latestVersion(PEARSON_ATTEMPTS)).isEqualTo(1);
        assertThat(logged(Table.ATTEMPTS)).hasSize(1);
    }

    private CommitProtocol protocol(FileSystem fs) {
        return new CommitProtocol(new LakeFiles(fs), layout, new LakeAccess(fs, layout,
                new LakeProperties.Access(false, "tenant-{tenant}")), delta);
    }

    /** The file names pearson's table of {@code table} holds in its latest version, as its Delta log says. */
    private List<String> logged(Table table) {
        TenantTable t = new TenantTable(table, "pearson");
        return delta.files(t, delta.latestVersion(t)).stream().map(f -> new Path(f.path()).getName()).toList();
    }

    /** One staged Parquet-named file per table, as a commit's tasks leave them. */
    private List<StagedFile> stage(String commitId, Table... tables) {
        List<StagedFile> staged = new ArrayList<>();
        for (Table table : tables) {
            Path file = new Path(new Path(layout.staged(commitId, table), PARTITION),
                    "part-" + table.name().toLowerCase() + ".parquet");
            try (OutputStream out = local.create(file)) {
                out.write(table.name().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            staged.add(new StagedFile(table, file.toString(), PARTITION, 1, table.name().length()));
        }
        return staged;
    }

    private List<String> published(Table table) {
        Path partition = new Path(layout.table(table), PARTITION);
        try {
            if (!local.exists(partition)) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (FileStatus f : local.listStatus(partition)) {
                names.add(f.getPath().getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(Path path) {
        try {
            return local.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SortedMap<Integer, Long> offsets(long end) {
        return new TreeMap<>(Map.of(0, end));
    }

    /** The process dies the first time the commit reaches {@code step}. */
    private static Consumer<CommitProtocol.Step> crashAt(CommitProtocol.Step step) {
        return reached -> {
            if (reached == step) {
                throw new Crash();
            }
        };
    }

    private static final class Crash extends RuntimeException {
    }

    /** A file system whose renames out of staging succeed {@code allowed} times, then return false. */
    private static final class RefusingRenames extends FilterFileSystem {
        private int allowed;

        RefusingRenames(FileSystem fs, int allowed) {
            super(fs);
            this.allowed = allowed;
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            if (src.toUri().getPath().contains("/_staging/") && allowed-- <= 0) {
                return false;
            }
            return super.rename(src, dst);
        }
    }
}
