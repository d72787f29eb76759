package io.attemptlake.ingest.intake;

import io.attemptlake.ingest.publish.RecordSpool;

/**
 * A request's records, all valid, ready to publish.
 *
 * @param records     the spooled (key, value) pairs
 * @param fingerprint SHA-256 of the decoded body (hex), identifies the request for Idempotency-Key
 */
public record RecordBatch(RecordSpool records, String fingerprint) implements AutoCloseable {

    public int count() {
        return records.count();
    }

    @Override
    public void close() {
        records.close();
    }
}
