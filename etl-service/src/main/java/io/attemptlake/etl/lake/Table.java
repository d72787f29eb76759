package io.attemptlake.etl.lake;

/** The lake's tables, each Hive-partitioned by {@code tenant=<id>/ingest_date=<yyyy-mm-dd>}. */
public enum Table {
    /** Every message exactly as in Kafka, with its coordinates: the audit trail. */
    RAW("raw/assessments", "raw_assessments"),
    /** One row per distinct attempt. */
    ATTEMPTS("flattened/attempts", "attempts"),
    /** One row per question of a landed attempt. */
    QUESTIONS("flattened/questions", "questions"),
    /** One row per option of a question. */
    OPTIONS("flattened/options", "options"),
    /** Messages that could not be used, with the reason. */
    QUARANTINE("quarantine/assessments", "quarantine");

    private final String path;
    private final String viewName;

    Table(String path, String viewName) {
        this.path = path;
        this.viewName = viewName;
    }

    /** Relative to the lake's base. */
    public String path() {
        return path;
    }

    /** The name queries use for it. */
    public String viewName() {
        return viewName;
    }
}
