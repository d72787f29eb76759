package io.attemptlake.etl.lake;

import org.apache.hadoop.fs.Path;

/**
 * Where everything lives under the lake's base:
 * <pre>
 *   raw/assessments/tenant=T/ingest_date=D/RUN-part-*.parquet       the tables (also flattened/..., quarantine/...)
 *   _runs/RUN/run.json                                             a run's record (history)
 *   _runs/RUN/manifest.json                                        the commit decision: files and offsets
 *   _runs/RUN/_COMMITTED                                           the commit marker, written last
 *   _staging/RUN/...                                               a run's output before it is committed
 * </pre>
 * Names starting with {@code _} are skipped by Spark, Hive and DuckDB readers of the lake's base.
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

    public Path run(String runId) {
        return new Path(runs(), runId);
    }

    public Path runRecord(String runId) {
        return new Path(run(runId), "run.json");
    }

    public Path manifest(String runId) {
        return new Path(run(runId), "manifest.json");
    }

    public Path committedMarker(String runId) {
        return new Path(run(runId), "_COMMITTED");
    }

    public Path staging() {
        return new Path(base, "_staging");
    }

    public Path staging(String runId) {
        return new Path(staging(), runId);
    }

    public Path staged(String runId, Table table) {
        return new Path(staging(runId), table.path());
    }

    /** Internal to a run: every message parsed once, read by all the table writers. */
    public Path stagedParsed(String runId) {
        return new Path(staging(runId), "_parsed");
    }

    /** Internal to a run: (partition, offset) of the messages whose attempt is already landed. */
    public Path stagedDuplicates(String runId) {
        return new Path(staging(runId), "_duplicates");
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
