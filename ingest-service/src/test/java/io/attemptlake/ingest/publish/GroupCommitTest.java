package io.attemptlake.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.attemptlake.ingest.publish.RecordSpool;
import io.attemptlake.ingest.tenant.Tenant;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Group commit against the real broker: concurrent requests share a transaction, each still gets
 * its own exact answer, and a group that fails fails as one, with the outcome each request is told.
 * Its one exception, a lone record without an idempotency entry, needs no transaction at all.
 * Failures come from a test implementation of the producer port, as in {@link InDoubtCommitTest}.
 */
@RealKafka
class GroupCommitTest {

    private static final Tenant PEARSON = new Tenant("pearson");
    /** Long enough that every request of a test is waiting when the one producer takes its group. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final String topic = "group-commit-" + UUID.randomUUID();
    private final AtomicInteger commits = new AtomicInteger();
    private final List<AssessmentPublisher> publishers = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(12);

    @TempDir
    Path spill;

    @AfterEach
    void stop() {
        clients.shutdownNow();
        publishers.forEach(AssessmentPublisher::destroy);
    }

    @Test
    void requestsWaitingTogetherShareOneTransactionAndEachGetsItsOwnOffsets() throws Exception {
        AssessmentPublisher publisher = publisher(DataSize.ofMegabytes(4), TestProducer::new);

        List<Future<PublishResult>> answers = publishConcurrently(publisher, 10, 3);

        assertThat(commits).as("one transaction for all ten requests").hasValue(1);
        List<ConsumerRecord<byte[], byte[]>> landed = kafka().readCommitted(topic);
        assertThat(landed).hasSize(30);
        for (int i = 0; i < answers.size(); i++) {
            PublishResult result = answers.get(i).get();
            assertThat(result.accepted()).isEqualTo(3);
            for (PublishResult.PartitionRange range : result.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> inRange = landed.stream()
                        .filter(r -> r.partition() == range.partition()
                                && r.offset() >= range.firstOffset() && r.offset() <= range.lastOffset())
                        .toList();
                assertThat(inRange).as("request %d's range holds its records only", i)
                        .hasSize(range.records())
                        .allSatisfy(r -> assertThat(header(r, AssessmentsTopic.REQUEST_ID_HEADER)).isEqualTo(result.requestId()));
            }
        }
    }

    @Test
    void aRequestLargerThanTheBoundHasATransactionToItself() throws Exception {
        // Each request holds 3 records of ~2 KB: a 4 KB bound admits one request per transaction.
        AssessmentPublisher publisher = publisher(DataSize.ofKilobytes(4), TestProducer::new);

        List<Future<PublishResult>> answers = publishConcurrently(publisher, 4, 3);

        for (Future<PublishResult> answer : answers) {
            assertThat(answer.get().accepted()).isEqualTo(3);
        }
        assertThat(commits).hasValue(4);
        assertThat(kafka().readCommitted(topic)).hasSize(12);
    }

    @Test
    void aFailedSendRefusesEveryRequestOfTheGroupAndPublishesNothing() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        AssessmentPublisher publisher = publisher(DataSize.ofMegabytes(4), id -> new TestProducer(id) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                if (sends.incrementAndGet() == 7) { // one record of one request, as a broker losing its ISR does
                    NotEnoughReplicasException e = new NotEnoughReplicasException("not enough replicas (test)");
                    callback.onCompletion(null, e);
                    return CompletableFuture.failedFuture(e);
                }
                return super.send(record, callback);
            }
        });

        List<Future<PublishResult>> answers = publishConcurrently(publisher, 5, 3);

        for (Future<PublishResult> answer : answers) {
            PublishFailure failure = failureOf(answer);
            assertThat(failure.outcomeKnown()).as("never asked to commit: nothing can appear").isTrue();
        }
        assertThat(commits).hasValue(0);
        assertThat(kafka().readCommitted(topic)).isEmpty();
    }

    @Test
    void aLostCommitAnswerLeavesEveryRequestOfTheGroupInDoubt() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        AssessmentPublisher publisher = publisher(DataSize.ofMegabytes(4), id -> new TestProducer(id) {
            @Override
            public void commitTransaction() {
                if (lost.getAndIncrement() == 0) {
                    throw new TimeoutException("the commit's answer was lost (test)");
                }
                super.commitTransaction();
            }
        });

        List<Future<PublishResult>> answers = publishConcurrently(publisher, 5, 2);

        for (Future<PublishResult> answer : answers) {
            assertThat(failureOf(answer).outcomeKnown()).as("asked to commit, answer lost").isFalse();
        }
        // Publishing resumes once the in-doubt transaction is settled (the new producer aborts it here).
        PublishResult next = publisher.publish(PEARSON, "after", spool(1), null);
        assertThat(next.accepted()).isEqualTo(1);
        assertThat(kafka().readCommitted(topic)).hasSize(1);
    }

    @Test
    void aLoneRecordWithoutAKeyIsWrittenOutsideAnyTransactionAndAnsweredWithItsOffset() throws Exception {
        AssessmentPublisher publisher = publisher(DataSize.ofMegabytes(4), TestProducer::new);

        List<Future<PublishResult>> answers = publishConcurrently(publisher, 8, 1);

        assertThat(commits).as("one record is atomic by itself").hasValue(0);
        List<ConsumerRecord<byte[], byte[]>> landed = kafka().readCommitted(topic);
        assertThat(landed).hasSize(8);
        for (Future<PublishResult> answer : answers) {
            PublishResult result = answer.get();
            assertThat(result.accepted()).isEqualTo(1);
            PublishResult.PartitionRange range = result.partitions().get(0);
            assertThat(landed).filteredOn(r -> r.partition() == range.partition() && r.offset() == range.firstOffset())
                    .singleElement().satisfies(r -> {
                        assertThat(header(r, AssessmentsTopic.REQUEST_ID_HEADER)).isEqualTo(result.requestId());
                        assertThat(header(r, AssessmentsTopic.TENANT_HEADER)).isEqualTo(PEARSON.id());
                    });
        }
    }

    @Test
    void aLoneRecordWithAnIdempotencyEntryStillCommitsWithItInOneTransaction() {
        AssessmentPublisher publisher = publisher(DataSize.ofMegabytes(4), TestProducer::new);
        String keys = topic + "-keys";
        kafka().createTopic(keys, 1);

        PublishResult result = publisher.publish(PEARSON, "keyed", spool(1), new AssessmentPublisher.Companion(keys, 0,
                "pearson/k".getBytes(StandardCharsets.UTF_8), r -> r.requestId().getBytes(StandardCharsets.UTF_8)));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(commits).hasValue(1);
        assertThat(kafka().readCommitted(keys)).singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("keyed"));
        assertThat(kafka().readCommitted(topic)).hasSize(1);
    }

    @Test
    void aLoneRecordKafkaRefusesIsAnsweredWithWhatIsKnownOfIt() {
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        AtomicBoolean queued = new AtomicBoolean();
        AssessmentPublisher publisher = publisher(DataSize.ofMegabytes(4), id -> new TestProducer(id) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                // As Kafka answers: a record refused before it is queued on the caller's thread, a queued one from its I/O thread.
                if (queued.get()) {
                    return CompletableFuture.runAsync(() -> callback.onCompletion(null, error.get()))
                            .thenApply(done -> (RecordMetadata) null);
                }
                callback.onCompletion(null, error.get());
                return CompletableFuture.failedFuture(error.get());
            }
        });

        error.set(new TimeoutException("Topic not present in metadata after 2000 ms (test)"));
        assertThat(outcomeKnown(publisher)).as("never queued: never written").isTrue();
        queued.set(true);
        assertThat(outcomeKnown(publisher)).as("queued, and a retriable error outlasted the retries: perhaps written")
                .isFalse();
        error.set(new RecordTooLargeException("refused by the broker (test)"));
        assertThat(outcomeKnown(publisher)).as("refused outright by the broker: never written").isTrue();
        assertThat(kafka().readCommitted(topic)).isEmpty();
    }

    private boolean outcomeKnown(AssessmentPublisher publisher) {
        return catchThrowableOfType(PublishFailure.class, () -> publisher.publish(PEARSON, "lone", spool(1), null))
                .outcomeKnown();
    }

    // --- helpers -----------------------------------------------------------------------------------

    private AssessmentPublisher publisher(DataSize groupMaxSize, Function<String, TestProducer> producers) {
        KafkaSettings settings = settings(groupMaxSize);
        kafka().createTopic(topic, 3);
        ProducerPool pool = new ProducerPool(settings, producers::apply);
        AssessmentPublisher publisher = new AssessmentPublisher(settings, pool, new SimpleMeterRegistry());
        publishers.add(publisher);
        return publisher;
    }

    private KafkaSettings settings(DataSize groupMaxSize) {
        return new KafkaSettings(kafka().bootstrapServers(), topic, 3, (short) 1, 1, "group-" + UUID.randomUUID(),
                1, groupMaxSize, LINGER, Duration.ofSeconds(2), "lz4", Map.of());
    }

    /** {@code requests} requests of {@code records} records each, sent at once from as many clients. */
    private List<Future<PublishResult>> publishConcurrently(AssessmentPublisher publisher, int requests, int records)
            throws InterruptedException {
        List<Future<PublishResult>> answers = IntStream.range(0, requests)
                .mapToObj(i -> clients.submit(() -> publisher.publish(PEARSON, "request-" + i, spool(records), null)))
                .toList();
        for (Future<PublishResult> answer : answers) {
            try {
                answer.get();
            } catch (java.util.concurrent.ExecutionException expectedInSomeTests) {
                // inspected by the test
            }
        }
        return answers;
    }

    private RecordSpool spool(int records) {
        RecordSpool spool = new RecordSpool(1 << 20, spill);
        for (int i = 0; i < records; i++) {
            byte[] value = ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
            spool.add(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), value);
        }
        return spool;
    }

    private static PublishFailure failureOf(Future<PublishResult> answer) {
        java.util.concurrent.ExecutionException e = catchThrowableOfType(java.util.concurrent.ExecutionException.class, answer::get);
        assertThat(e.getCause()).isInstanceOf(PublishFailure.class);
        return (PublishFailure) e.getCause();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static KafkaBroker kafka() {
        return RealInfrastructure.kafka();
    }

    /** The production producer, counting the commits that went through. */
    private class TestProducer extends KafkaProducer<byte[], byte[]> {
        TestProducer(String transactionalId) {
            super(ProducerPool.producerConfig(settings(DataSize.ofMegabytes(4)), transactionalId),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void commitTransaction() {
            super.commitTransaction();
            commits.incrementAndGet();
        }
    }
}
