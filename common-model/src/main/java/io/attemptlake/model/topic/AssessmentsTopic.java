package io.attemptlake.model.topic;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.AttemptIdentity;

/**
 * The assessments topic's wire contract: what the ingest (and the bench) write and the ETL reads.
 * One message per record; the value is the record's JSON, compacted, exactly as validated; the key
 * is {@link #key}; the headers are {@link #TENANT_HEADER} and {@link #REQUEST_ID_HEADER}. Messages
 * are written in read_committed transactions, one per request.
 */
public final class AssessmentsTopic {

    /** The topic's name unless {@code ingest.kafka.topic} / {@code etl.source.topic} say otherwise. */
    public static final String DEFAULT_NAME = "assessments";

    /** The tenant that published the message, UTF-8: the ETL partitions the lake by it, never by the key. */
    public static final String TENANT_HEADER = "tenant";

    /** The request that carried the message, UTF-8: for support and lineage (the raw table keeps it). */
    public static final String REQUEST_ID_HEADER = "request-id";

    private AssessmentsTopic() {
    }

    /**
     * {@code tenant/attempt}: per tenant, so one tenant's re-sends of an attempt share a partition
     * and stay in order, and two tenants' equal attempt ids never meet.
     */
    public static String key(String tenant, String attemptKey) {
        return tenant + "/" + attemptKey;
    }

    /** The key of a valid record, by {@link AttemptIdentity}. */
    public static String key(String tenant, AssessmentAttempt attempt) {
        return key(tenant, AttemptIdentity.of(attempt));
    }
}
