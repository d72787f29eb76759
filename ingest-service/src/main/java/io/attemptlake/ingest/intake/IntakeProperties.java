package io.attemptlake.ingest.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one request may carry. Beyond them the answer is 413 or 400, never a 500.
 *
 * @param maxRequestSize   bytes on the wire (compressed if gzip): the lab's 9 MB file fits easily
 * @param maxDecodedSize   bytes after gzip: stops gzip bombs
 * @param maxRecordSize    one record, compacted; below Kafka's 1 MB message limit
 * @param maxNestingDepth  a record nests 6 deep (attempt, sequences, questions, options)
 * @param maxErrors        how many bad records a 400 lists (all are counted)
 * @param spoolMemory      a request's records are held in memory up to this, then on local disk
 * @param requestsPerSecond a tenant's sustained request rate (429 beyond it). One instance on two
 *                         cores next to its broker carries about 3,000-4,100 single-record requests/s
 *                         without a key (a lone record needs no transaction) and 700-900 with an
 *                         Idempotency-Key (bench of 2026-12-04); 5000 lets one tenant use a whole
 *                         instance, and a flood beyond that is refused at once rather than queued
 *                         behind the other tenants
 * @param requestBurst     requests a tenant may send at once
 */
@ConfigurationProperties("ingest.limits")
public record IntakeProperties(
        @DefaultValue("64MB") DataSize maxRequestSize,
        @DefaultValue("256MB") DataSize maxDecodedSize,
        @DefaultValue("900KB") DataSize maxRecordSize,
        @DefaultValue("32") int maxNestingDepth,
        @DefaultValue("100") int maxErrors,
        @DefaultValue("8MB") DataSize spoolMemory,
        @DefaultValue("5000") double requestsPerSecond,
        @DefaultValue("10000") int requestBurst) {
}
