package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.CommitProtocol;

/**
 * The points a run passes, in order, once per commit (a run of a large backlog lands it in several).
 * Progress reports them, their durations go into the run's record, and listeners hear each one.
 */
public enum RunPhase {
    PLANNED,
    /** The commit's messages read from Kafka and parsed, once, and each new attempt's first message chosen. */
    PARSED,
    /** Every table's files written to the commit's staging, in one pass over the batch. */
    STAGED,
    VERIFIED,
    /** The decision: from here on the commit happened and is rolled forward if interrupted. */
    MANIFEST_WRITTEN,
    /** One staged file moved into its table (reached once per file). */
    FILE_MOVED,
    FILES_MOVED,
    /** One tenant table's Delta log took the commit's files in it (reached once per table). */
    TABLE_APPENDED,
    /** Every table appended, and the versions they reached recorded: readers see the commit from here. */
    MARKED_COMMITTED,
    CLEANED;

    static RunPhase of(CommitProtocol.Step step) {
        return valueOf(step.name());
    }
}
