package io.attemptlake.etl.lake;

import org.apache.hadoop.fs.Path;

/**
 * Where everything lives under the lake's base:
 * <pre>
 *   raw/assessments/tenant=T/                                      tenant T's raw table, a Delta table:
 *       _delta_log/                                                  its log
 *       ingest_date=D/COMMIT-part-*.parquet                          its data files (also flattened/..., quarantine/...)
 *   _runs/RUN/run.json                                             a run's record (history)
 *   _commits/COMMIT/manifest.json                                  a commit's decision: files and offsets
 *   _commits/COMMIT/_COMMITTED                                     its marker, written last: the versions it wrote
 *   _staging/COMMIT/...                                            a commit's output before it is decided
 *   _erased/tenant=T.json                                          fingerprints of T's erased learners
 *   _maintenance/ID.json                                           erasures, purges and compactions: the audit
 * </pre>
 * A run lands its messages in one or more commits ({@code RUN-001}, {@code RUN-002}, ...), each at
 * most {@code etl.run.max-records} messages. Names starting with {@code _} are skipped by Spark, Hive
 * and DuckDB readers of the lake's base.
 */
public final class LakeLayout {

    private final Path base;

    public LakeLayout(String base) {
        this.base = new Path(base);
    }

    public Path base() {
        return base;
    }

    public Path table(Table table) {
        return new Path(base, table.path());
    }

    public Path runs() {
        return new Path(base, "_runs");
    }

    public Path runRecord(String runId) {
        return new Path(new Path(runs(), runId), "run.json");
    }

    public Path commits() {
        return new Path(base, "_commits");
    }

    public Path manifest(String commitId) {
        return new Path(new Path(commits(), commitId), "manifest.json");
    }

    public Path committedMarker(String commitId) {
        return new Path(new Path(commits(), commitId), "_COMMITTED");
    }

    public Path staging() {
        return new Path(base, "_staging");
    }

    /** Exports being written for a download, each in a directory of its own, deleted once sent. */
    public Path exports() {
        return new Path(base, "_exports");
    }

    /** Fingerprints of the learners erased from each tenant's tables. */
    public Path erased() {
        return new Path(base, "_erased");
    }

    /** What erasures, purges and compactions did, and who asked. */
    public Path maintenance() {
        return new Path(base, "_maintenance");
    }

    public Path staging(String commitId) {
        return new Path(staging(), commitId);
    }

    public Path staged(String commitId, Table table) {
        return new Path(staging(commitId), table.path());
    }

    /** Path of {@code p} relative to the base, as manifests store it (the lake can move). */
    public String relative(Path p) {
        String full = p.toUri().getPath();
        String root = base.toUri().getPath();
        if (!full.startsWith(root + "/")) {
            throw new IllegalArgumentException(p + " is not under " + base);
        }
        return full.substring(root.length() + 1);
    }

    public Path resolve(String relative) {
        return new Path(base, relative);
    }
}
