package io.attemptlake.ingest.tenant;

/** A customer publishing attempts; known only through its API key. */
public record Tenant(String id) {
}
