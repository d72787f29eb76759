package io.attemptlake.etl.reports;

/**
 * The caller's totals: {@code received == distinctAttempts + duplicates + quarantined}.
 *
 * @param firstStartedAt earliest {@code started_at} of a landed attempt (the date span starts here)
 * @param lastStartedAt  latest
 * @param lastRun        the last successful run: how fresh the data is
 */
public record Summary(long received, long distinctAttempts, long duplicates, long quarantined, long courses,
                      String firstStartedAt, String lastStartedAt, LastRun lastRun) {

    public record LastRun(String id, String finishedAt) {
    }
}
