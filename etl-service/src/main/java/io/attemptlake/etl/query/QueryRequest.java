package io.attemptlake.etl.query;

/**
 * The body of {@code POST /api/v1/queries}.
 *
 * @param asOfRun optional: read every table as that run left it (a run's id), not as it is now
 */
public record QueryRequest(String sql, String asOfRun) {
}
