package io.attemptlake.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.ingest.idempotency.IdempotencyStore.Conflict;
import io.attemptlake.ingest.idempotency.IdempotencyStore.IdempotencyUnavailable;
import io.attemptlake.ingest.idempotency.IdempotencyStore.InProgress;
import io.attemptlake.ingest.idempotency.IdempotencyStore.Proceed;
import io.attemptlake.ingest.idempotency.IdempotencyStore.Replay;
import io.attemptlake.ingest.publish.KafkaSettings;
import io.attemptlake.ingest.publish.PublishResult;
import io.attemptlake.ingest.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The store's decisions, with the key log's ends given by a test port and its tail's progress fed by hand. */
@Tag("fast")
class IdempotencyStoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Tenant PEARSON = new Tenant("pearson");
    private static final PublishResult ANSWER = new PublishResult("r-1", "pearson", 1, "assessments",
            List.of(new PublishResult.PartitionRange(0, 5, 5, 1)));

    /** What the broker says is written to each partition. */
    private final Map<Integer, Long> written = new ConcurrentHashMap<>();

    private final IdempotencyStore store = new IdempotencyStore(
            new IdempotencyProperties("keys", Duration.ofHours(24), Duration.ofMillis(300), 8),
            new KafkaSettings("localhost:1", "assessments", 3, (short) 1, 1, "test", 1, DataSize.ofMegabytes(1),
                    Duration.ZERO, Duration.ofSeconds(1), "lz4", Map.of()),
            JSON, (TopicPartition tp) -> written.getOrDefault(tp.partition(), 0L));

    @Test
    void anUnknownKeyProceedsOnceItsPartitionIsReadToItsEnd() {
        store.found(8);
        var decision = store.claim(PEARSON, new IdempotencyKey("k1"), "fp");
        assertThat(decision).isInstanceOf(Proceed.class);
        assertThat(store.claim(PEARSON, new IdempotencyKey("k1"), "fp")).as("while the first is in flight")
                .isInstanceOf(InProgress.class);
        store.release((Proceed) decision);
        assertThat(store.claim(PEARSON, new IdempotencyKey("k1"), "fp")).isInstanceOf(Proceed.class);
    }

    @Test
    void aCommittedKeyIsReplayedForTheSameBodyAndRefusedForAnother() {
        store.found(8);
        byte[] value = JSON.writeValueAsBytes(new IdempotencyStore.Entry("fp", ANSWER, Instant.now()));
        store.remember("pearson/k2".getBytes(StandardCharsets.UTF_8), value, 0);
        assertThat(store.claim(PEARSON, new IdempotencyKey("k2"), "fp")).isEqualTo(new Replay(ANSWER));
        assertThat(store.claim(PEARSON, new IdempotencyKey("k2"), "other")).isInstanceOf(Conflict.class);
        assertThat(store.claim(new Tenant("acme"), new IdempotencyKey("k2"), "fp")).as("another tenant's key")
                .isInstanceOf(Proceed.class);
    }

    @Test
    void aKeyIsNotCalledUnknownWhileATransactionOnItsPartitionIsOpen() {
        store.found(8);
        for (int p = 0; p < 8; p++) {
            written.put(p, 3L); // an entry written but not yet committed or read: the tail is at 0
        }
        assertThatThrownBy(() -> store.claim(PEARSON, new IdempotencyKey("k3"), "fp"))
                .isInstanceOf(IdempotencyUnavailable.class).hasMessageContaining("has not ended yet");
        for (int p = 0; p < 8; p++) {
            store.readUpTo(p, 3); // the transaction ended (aborted: nothing to remember) and was read past
        }
        assertThat(store.claim(PEARSON, new IdempotencyKey("k3"), "fp")).as("the refused claim was released")
                .isInstanceOf(Proceed.class);
    }

    @Test
    void aKeyWaitsForTheTailAndThenSeesTheCommitThatEndedMeanwhile() throws Exception {
        store.found(8);
        for (int p = 0; p < 8; p++) {
            written.put(p, 1L);
        }
        byte[] value = JSON.writeValueAsBytes(new IdempotencyStore.Entry("fp", ANSWER, Instant.now()));
        CompletableFuture<IdempotencyStore.Decision> claim = CompletableFuture.supplyAsync(
                () -> store.claim(PEARSON, new IdempotencyKey("k4"), "fp"));
        Thread.sleep(50);
        store.remember("pearson/k4".getBytes(StandardCharsets.UTF_8), value, 0);
        for (int p = 0; p < 8; p++) {
            store.readUpTo(p, 1);
        }
        assertThat(claim.get()).isEqualTo(new Replay(ANSWER));
    }

    @Test
    void keysAreUnavailableUntilTheTailHasFoundTheTopic() {
        assertThatThrownBy(() -> store.claim(PEARSON, new IdempotencyKey("k5"), "fp"))
                .isInstanceOf(IdempotencyUnavailable.class).hasMessageContaining("not loaded yet");
    }
}
