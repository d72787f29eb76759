package io.attemptlake.ingest.publish;

import io.attemptlake.ingest.publish.RecordSpool;
import io.attemptlake.ingest.tenant.Tenant;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The seam that owns "requests' records → one Kafka transaction → offsets".
 *
 * <p>Concurrent requests share transactions (group commit, see {@link CommitQueue}): all records of
 * a request, and its idempotency record if any, are sent in one transaction, with those of the
 * requests that waited beside it, by an idempotent producer with {@code acks=all}. A read_committed
 * consumer sees all of a request or none of it. Requests are validated before they get here, so a
 * group fails only for Kafka's reasons, and then every request in it gets the same answer. The sends
 * are acknowledged and checked before the commit is asked, so a failure before that point is known
 * to have published nothing; only a commit whose answer is lost leaves the outcome open. A request
 * of one record without an idempotency entry is the exception: atomic by itself, it takes no
 * transaction (see {@link #publishAlone}).
 */
@Component
public class AssessmentPublisher implements DisposableBean {

    /** An extra record that must commit atomically with the request's records (the idempotency entry). */
    public record Companion(String topic, int partition, byte[] key, Function<PublishResult, byte[]> value) {
    }

    private final KafkaSettings settings;
    private final ProducerPool pool;
    private final Duration deliveryTimeout;
    private final Timer transactionTimer;
    private final Timer directTimer;
    private final DistributionSummary requestsPerTransaction;
    private final CommitQueue queue;

    @Autowired
    public AssessmentPublisher(KafkaSettings settings, MeterRegistry meters) {
        this(settings, new ProducerPool(settings), meters);
    }

    AssessmentPublisher(KafkaSettings settings, ProducerPool pool, MeterRegistry meters) {
        this.settings = settings;
        this.pool = pool;
        this.deliveryTimeout = ProducerPool.deliveryTimeout(settings);
        this.transactionTimer = Timer.builder("ingest.kafka.transaction")
                .description("Time to write one group of requests in one Kafka transaction")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.directTimer = Timer.builder("ingest.kafka.direct")
                .description("Time to write one lone record outside a transaction")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.requestsPerTransaction = DistributionSummary.builder("ingest.kafka.transaction.requests")
                .description("Requests sharing one Kafka transaction (group commit)")
                .register(meters);
        this.queue = new CommitQueue(settings.producers(), settings.groupMaxSize().toBytes(), settings.groupLinger(),
                this::inTransaction);
    }

    /**
     * Writes the records atomically, in a transaction it may share with other requests.
     *
     * @throws PublishFailure when Kafka did not take them (see {@link PublishFailure#outcomeKnown()})
     */
    public PublishResult publish(Tenant tenant, String requestId, RecordSpool records, Companion companion) {
        if (records.count() == 1 && companion == null) {
            return publishAlone(tenant, requestId, records);
        }
        PendingRequest request = new PendingRequest(tenant, requestId, records, companion);
        queue.submit(request);
        return request.await(settings.maxBlock());
    }

    /**
     * One record without an idempotency entry is atomic by itself: it is sent outside any transaction,
     * by the shared idempotent producer, and answered when acknowledged. A transaction's round trips
     * to the coordinator (most of a single-record request's time) buy nothing here.
     */
    private PublishResult publishAlone(Tenant tenant, String requestId, RecordSpool records) {
        pool.settleInDoubt(); // as for a transaction: nothing is published while one is in doubt
        Timer.Sample sample = Timer.start();
        Producer<byte[], byte[]> producer = pool.direct();
        Offsets offsets = new Offsets();
        Acks acks = new Acks();
        // Kafka answers a record it refuses before queueing it (no metadata within max-block, a closed
        // producer) on the sending thread, inside send(); a queued record's answer comes from its I/O thread.
        Thread caller = Thread.currentThread();
        AtomicBoolean neverQueued = new AtomicBoolean();
        try {
            records.forEach((key, value) -> {
                acks.expect();
                producer.send(new ProducerRecord<>(settings.topic(), null, null, key, value, headers(tenant, requestId)),
                        (metadata, e) -> {
                            if (e != null && Thread.currentThread() == caller) {
                                neverQueued.set(true);
                            }
                            acks.answer(offsets, metadata, e);
                        });
            });
            if (!acks.awaitAll(deliveryTimeout)) {
                throw new PublishFailure("Kafka did not acknowledge the record within " + deliveryTimeout.toMillis()
                        + " ms", false, null);
            }
            acks.throwIfFailed();
        } catch (KafkaException e) {
            // A queued record whose retriable error outlasted the retries may have been written unanswered.
            throw new PublishFailure("Kafka did not take the record: " + e.getMessage(),
                    neverQueued.get() || !(e instanceof RetriableException), e);
        } catch (IllegalStateException e) {
            throw new PublishFailure("the record could not be sent: " + e.getMessage(), true, e); // a closed producer
        } finally {
            sample.stop(directTimer);
        }
        return offsets.result(requestId, tenant, settings.topic());
    }

    private static RecordHeaders headers(Tenant tenant, String requestId) {
        RecordHeaders headers = new RecordHeaders(List.of(
                new RecordHeader(AssessmentsTopic.TENANT_HEADER, tenant.id().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(AssessmentsTopic.REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8))));
        headers.setReadOnly();
        return headers;
    }

    /**
     * Ends every transaction of this instance whose commit went unanswered (it commits or aborts).
     * A retry must call this before its Idempotency-Key is looked up: the transaction it retries may
     * be one of them, and its key becomes visible only once it has ended.
     *
     * @throws PublishFailure when Kafka cannot settle them now (outcome known: nothing sent)
     */
    public void settleInDoubt() {
        pool.settleInDoubt();
    }

    /**
     * Proves that a transaction commits on this cluster now: every producer initialised, then one
     * transaction holding a tombstone on {@code topic} (readers of the keys topic skip tombstones;
     * compaction removes it) goes through the whole protocol, replicas included.
     *
     * @throws RuntimeException Kafka's reason when it does not
     */
    public void probeTransaction(String topic) {
        pool.openAll();
        ProducerPool.Slot slot = pool.acquire();
        Producer<byte[], byte[]> producer = slot.producer();
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, PROBE_KEY, null));
            producer.commitTransaction();
            pool.release(slot);
        } catch (RuntimeException e) {
            abortQuietly(producer);
            pool.discard(slot);
            throw e;
        }
    }

    private static final byte[] PROBE_KEY = "\u0000readiness-probe".getBytes(StandardCharsets.UTF_8);

    /** Runs on a committer thread: one transaction for the group, then every request's answer. */
    private void inTransaction(List<PendingRequest> group) {
        Timer.Sample sample = Timer.start();
        ProducerPool.Slot slot;
        try {
            slot = pool.acquire();
        } catch (PublishFailure f) {
            group.forEach(r -> r.fail(f));
            return;
        }
        Producer<byte[], byte[]> producer = slot.producer();
        Acks acks = new Acks();
        boolean commitAsked = false;
        try {
            producer.beginTransaction();
            List<Offsets> offsets = new ArrayList<>(group.size());
            for (PendingRequest request : group) {
                Offsets ranges = new Offsets();
                offsets.add(ranges);
                RecordHeaders headers = headers(request.tenant, request.requestId);
                request.records.forEach((key, value) -> {
                    // A send that fails (no metadata: the broker is gone) fails through its callback after
                    // max-block: without this check, each further record would wait as long.
                    if (!acks.failed()) {
                        acks.expect();
                        producer.send(new ProducerRecord<>(settings.topic(), null, null, key, value, headers),
                                (metadata, e) -> acks.answer(ranges, metadata, e));
                    }
                });
            }
            // Not flush(): while the transaction coordinator is unreachable, a transactional producer
            // neither sends nor expires its batches, and flush() waited 20 s with the broker gone.
            if (!acks.awaitAll(deliveryTimeout)) {
                throw new KafkaException("Kafka did not acknowledge the records within " + deliveryTimeout.toMillis() + " ms");
            }
            acks.throwIfFailed();
            List<PublishResult> results = new ArrayList<>(group.size());
            for (int i = 0; i < group.size(); i++) {
                PendingRequest request = group.get(i);
                PublishResult result = offsets.get(i).result(request.requestId, request.tenant, settings.topic());
                results.add(result);
                Companion companion = request.companion;
                if (companion != null) {
                    acks.expect();
                    producer.send(new ProducerRecord<>(companion.topic(), companion.partition(), companion.key(),
                            companion.value().apply(result)), (metadata, e) -> acks.answer(null, metadata, e));
                }
            }
            // Acknowledged before the commit is asked, so that their failure is known to publish nothing.
            if (!acks.awaitAll(deliveryTimeout)) {
                throw new KafkaException("Kafka did not acknowledge the idempotency keys within " + deliveryTimeout.toMillis() + " ms");
            }
            acks.throwIfFailed();
            commitAsked = true;
            producer.commitTransaction();
            pool.release(slot);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).complete(results.get(i));
            }
        } catch (KafkaException | IllegalStateException e) {
            PublishFailure failure;
            if (!commitAsked) {
                abortQuietly(producer);
                pool.discard(slot);
                failure = new PublishFailure("Kafka did not take the records: " + e.getMessage(), true, e);
            } else {
                pool.discardInDoubt(slot);
                failure = new PublishFailure("Kafka did not confirm the commit: " + e.getMessage(), false, e);
            }
            group.forEach(r -> r.fail(failure));
        } catch (RuntimeException e) {
            abortQuietly(producer);
            pool.discard(slot);
            PublishFailure failure = new PublishFailure("the records could not be sent: " + e.getMessage(), true, e);
            group.forEach(r -> r.fail(failure));
        } finally {
            sample.stop(transactionTimer);
            requestsPerTransaction.record(group.size());
        }
    }

    private static void abortQuietly(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // Never committed, so never visible: the coordinator aborts it on timeout or re-init.
        }
    }

    @Override
    public void destroy() {
        queue.close();
        pool.close();
    }

    /** The group's outstanding sends, and the first failure among them. */
    private static final class Acks {
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private int pending;

        synchronized void expect() {
            pending++;
        }

        synchronized void answer(Offsets ranges, RecordMetadata metadata, Exception e) {
            pending--;
            notifyAll();
            if (e != null) {
                failure.compareAndSet(null, e);
            } else if (ranges != null) {
                ranges.add(metadata);
            }
        }

        /** Waits until every expected record has its answer; false if {@code timeout} passed first. */
        synchronized boolean awaitAll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (pending > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while waiting for Kafka's acknowledgements", e);
            }
        }

        boolean failed() {
            return failure.get() != null;
        }

        void throwIfFailed() {
            Exception e = failure.get();
            if (e != null) {
                throw e instanceof KafkaException k ? k : new KafkaException(e);
            }
        }
    }

    /** One request's records as acknowledged: per partition, first and last offset and count. */
    private static final class Offsets {
        private final Map<Integer, long[]> ranges = new TreeMap<>(); // partition -> {first, last, count}

        synchronized void add(RecordMetadata metadata) {
            long[] range = ranges.computeIfAbsent(metadata.partition(), p -> new long[] {Long.MAX_VALUE, -1, 0});
            range[0] = Math.min(range[0], metadata.offset());
            range[1] = Math.max(range[1], metadata.offset());
            range[2]++;
        }

        synchronized PublishResult result(String requestId, Tenant tenant, String topic) {
            List<PublishResult.PartitionRange> partitions = new ArrayList<>();
            int total = 0;
            for (Map.Entry<Integer, long[]> e : ranges.entrySet()) {
                long[] r = e.getValue();
                partitions.add(new PublishResult.PartitionRange(e.getKey(), r[0], r[1], (int) r[2]));
                total += (int) r[2];
            }
            return new PublishResult(requestId, tenant.id(), total, topic, List.copyOf(partitions));
        }
    }
}
