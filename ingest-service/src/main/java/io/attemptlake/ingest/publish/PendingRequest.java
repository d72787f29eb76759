package io.attemptlake.ingest.publish;

import io.attemptlake.ingest.publish.RecordSpool;
import io.attemptlake.ingest.tenant.Tenant;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request's records on their way into a shared transaction, and its answer. A request is taken
 * by a committer or abandoned by its client, never both: what was abandoned was never sent, so its
 * client may say "nothing was published".
 */
final class PendingRequest {

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int ABANDONED = 2;

    final Tenant tenant;
    final String requestId;
    final RecordSpool records;
    final AssessmentPublisher.Companion companion;
    private final CompletableFuture<PublishResult> answer = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    PendingRequest(Tenant tenant, String requestId, RecordSpool records, AssessmentPublisher.Companion companion) {
        this.tenant = tenant;
        this.requestId = requestId;
        this.records = records;
        this.companion = companion;
    }

    long bytes() {
        return records.bytes();
    }

    /** A committer takes it into a transaction; false if its client has given up. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    void complete(PublishResult result) {
        answer.complete(result);
    }

    void fail(PublishFailure failure) {
        answer.completeExceptionally(failure);
    }

    /**
     * The answer. While no producer has taken the request, waits at most {@code queueTimeout}, then
     * gives up with "nothing published"; once taken, waits for its transaction, which Kafka's own
     * timeouts bound.
     */
    PublishResult await(Duration queueTimeout) {
        try {
            return unwrap(() -> answer.get(queueTimeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            if (state.compareAndSet(QUEUED, ABANDONED)) {
                throw new PublishFailure("all producers are busy", true, null);
            }
            try {
                return unwrap(answer::get);
            } catch (TimeoutException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private interface Wait {
        PublishResult get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private PublishResult unwrap(Wait wait) throws TimeoutException {
        try {
            return wait.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (state.compareAndSet(QUEUED, ABANDONED)) {
                throw new PublishFailure("interrupted while waiting for a producer", true, e);
            }
            throw new PublishFailure("interrupted while the records were being committed", false, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishFailure f) {
                throw f;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
