package io.attemptlake.etl.query;

/** The body of {@code POST /api/v1/queries}. */
public record QueryRequest(String sql) {
}
