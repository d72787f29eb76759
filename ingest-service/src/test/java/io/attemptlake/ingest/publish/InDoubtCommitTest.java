package io.attemptlake.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.ingest.IngestApplication;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import io.attemptlake.testsupport.TestTenant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A commit whose answer is lost while the commit itself goes through a moment later — what a broker
 * lost mid-commit does (seen on the three-broker cluster). The client is told the outcome is unknown
 * and retries with the same Idempotency-Key at once: the retry must answer with the first request's
 * result and write nothing, on the instance that lost the answer and on any other.
 */
@RealKafka
class InDoubtCommitTest {

    private static final String KEY = TestTenant.PEARSON.key();
    private static final Duration COMMIT_DELAY = Duration.ofSeconds(1);

    private static final AtomicBoolean loseNextCommitAnswer = new AtomicBoolean();
    private static final AtomicReference<CompletableFuture<Void>> lateCommit =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

    private static final String topic = "assessments-" + UUID.randomUUID();
    private static ConfigurableApplicationContext losing;
    private static ConfigurableApplicationContext other;

    @BeforeAll
    static void startTwoInstances() {
        losing = start("losing", true);
        other = start("other", false);
    }

    @AfterAll
    static void stop() {
        losing.close();
        other.close();
    }

    @Test
    void aRetryOnTheSameInstanceReplaysTheCommitThatWentThroughLate() {
        String body = String.join("\n", AttemptGenerator.records(61, 40).toList());
        retryAfterLostAnswer(body, losing);
    }

    @Test
    void aRetryOnAnotherInstanceWaitsForTheTransactionItRetries() {
        String body = String.join("\n", AttemptGenerator.records(62, 40).toList());
        retryAfterLostAnswer(body, other);
    }

    private static void retryAfterLostAnswer(String body, ConfigurableApplicationContext retriedOn) {
        String idempotencyKey = UUID.randomUUID().toString();
        int before = kafka().readCommitted(topic).size();

        loseNextCommitAnswer.set(true);
        Http.Response first = post(losing, idempotencyKey, body);
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(first.json().get("type").asString()).isEqualTo("/problems/outcome-unknown");
        assertThat(first.json().get("outcomeKnown").asBoolean()).isFalse();

        Http.Response retry = post(retriedOn, idempotencyKey, body);
        lateCommit.get().join();

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).as("the late commit's answer, replayed").isEqualTo("true");
        assertThat(retry.json().get("accepted").asInt()).isEqualTo(40);
        assertThat(kafka().readCommitted(topic)).as("the records, once").hasSize(before + 40);
    }

    // --- instances ---------------------------------------------------------------------------------

    private static ConfigurableApplicationContext start(String instance, boolean losesAnswers) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(IngestApplication.class);
        if (losesAnswers) {
            builder.initializers((GenericApplicationContext context) -> context.registerBean("answerLosingPublisher",
                    AssessmentPublisher.class, () -> answerLosingPublisher(context), d -> d.setPrimary(true)));
        }
        ConfigurableApplicationContext context = builder.run(TestTenant.withAll("ingest.auth",
                "--server.port=0",
                "--ingest.kafka.bootstrap-servers=" + kafka().bootstrapServers(),
                "--ingest.kafka.topic=" + topic,
                "--ingest.idempotency.topic=" + topic + "-idempotency",
                "--ingest.kafka.instance-id=" + instance + "-" + UUID.randomUUID()));
        IngestIntegrationTest.awaitReady(http(context));
        return context;
    }

    private static AssessmentPublisher answerLosingPublisher(GenericApplicationContext context) {
        KafkaSettings settings = context.getBean(KafkaSettings.class);
        // A new producer with a transactional id initialises only once the coordinator has ended that
        // id's decided transaction (Kafka answers CONCURRENT_TRANSACTIONS until then): so here too.
        ProducerPool pool = new ProducerPool(settings, id -> {
            lateCommit.get().join();
            return new AnswerLosingProducer(settings, id);
        });
        return new AssessmentPublisher(settings, pool, context.getBean(MeterRegistry.class));
    }

    /** When told to, commits a moment after answering the caller with a timeout. */
    private static final class AnswerLosingProducer extends KafkaProducer<byte[], byte[]> {

        private volatile boolean committingLate;

        AnswerLosingProducer(KafkaSettings settings, String transactionalId) {
            super(ProducerPool.producerConfig(settings, transactionalId), new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void commitTransaction() {
            if (!loseNextCommitAnswer.compareAndSet(true, false)) {
                super.commitTransaction();
                return;
            }
            flush(); // as a real commit does before it asks the coordinator
            committingLate = true;
            lateCommit.set(CompletableFuture.runAsync(() -> {
                sleep(COMMIT_DELAY);
                super.commitTransaction();
                super.close(Duration.ofSeconds(5));
            }));
            throw new TimeoutException("the commit's answer was lost (test)");
        }

        @Override
        public void close(Duration timeout) {
            if (!committingLate) { // else closed once its late commit is through
                super.close(timeout);
            }
        }
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static Http.Response post(ConfigurableApplicationContext context, String idempotencyKey, String body) {
        return http(context).post("/api/v1/assessments", body, "X-API-Key", KEY, "Content-Type", "application/x-ndjson",
                        "Idempotency-Key", idempotencyKey);
    }

    private static KafkaBroker kafka() {
        return RealInfrastructure.kafka();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
