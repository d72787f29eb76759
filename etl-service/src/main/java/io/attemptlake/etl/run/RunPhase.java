package io.attemptlake.etl;

/** The points a run passes, in order. Progress reports them; fault tests stop a run at each. */
public enum RunPhase {
    PLANNED,
    STAGED_PARSED,
    STAGED_RAW,
    STAGED_QUARANTINE,
    STAGED_ATTEMPTS,
    STAGED_QUESTIONS,
    STAGED_OPTIONS,
    VERIFIED,
    /** The decision: from here on the run is committed and will be rolled forward if interrupted. */
    MANIFEST_WRITTEN,
    /** One staged file moved into its table (reached once per file). */
    FILE_MOVED,
    FILES_MOVED,
    MARKED_COMMITTED,
    CLEANED
}
