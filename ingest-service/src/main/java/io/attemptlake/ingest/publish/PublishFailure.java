package io.attemptlake.ingest.publish;

/**
 * Kafka could not take a request's records.
 *
 * @param outcomeKnown true when nothing of the request can ever become visible (the transaction
 *                     was never asked to commit); false when the commit was asked but its answer
 *                     was lost, so the records may yet appear: retry with the same Idempotency-Key
 */
public class PublishFailure extends RuntimeException {

    private final boolean outcomeKnown;

    public PublishFailure(String message, boolean outcomeKnown, Throwable cause) {
        super(message, cause);
        this.outcomeKnown = outcomeKnown;
    }

    public boolean outcomeKnown() {
        return outcomeKnown;
    }
}
