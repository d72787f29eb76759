package io.attemptlake.ingest.publish;

import io.attemptlake.model.topic.AssessmentsTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of transactional producers, one transaction each at a time. Transactional ids are
 * {@code ingest-<instance>-<slot>}: stable, so a restarted instance fences its predecessor.
 *
 * <p>A slot whose commit went unanswered is "in doubt": its transaction may still commit. Until a
 * new producer with the same id has been initialised (which makes the coordinator finish or abort
 * it), no request is published at all, and keyed requests settle it before their key is checked
 * (see {@link AssessmentPublisher#settleInDoubt()}).
 */
class ProducerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProducerPool.class);

    /** One transactional id and its current producer (null until initialised). */
    final class Slot {
        final String transactionalId;
        Producer<byte[], byte[]> producer;

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }

        Producer<byte[], byte[]> producer() {
            return producer;
        }

        private void open() {
            if (producer != null) {
                return;
            }
            Producer<byte[], byte[]> p = factory.create(transactionalId);
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
        }

        private void discard() {
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
        }
    }

    /** Builds the producer for a transactional id, or null for none (tests may count or fail them). */
    interface ProducerFactory {
        Producer<byte[], byte[]> create(String transactionalId);
    }

    private final BlockingQueue<Slot> idle = new LinkedBlockingQueue<>();
    private volatile Producer<byte[], byte[]> direct;
    private final Set<Slot> inDoubt = ConcurrentHashMap.newKeySet();
    private final ProducerFactory factory;
    private final Duration acquireTimeout;

    ProducerPool(KafkaSettings settings) {
        this(settings, id -> new KafkaProducer<>(producerConfig(settings, id),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    ProducerPool(KafkaSettings settings, ProducerFactory factory) {
        if (settings.compression().equals("lz4")) {
            log.info("Kafka compression lz4, by {}", Lz4.preferNative());
        } else {
            log.info("Kafka compression {}", settings.compression());
        }
        this.factory = factory;
        this.acquireTimeout = settings.maxBlock();
        for (int i = 0; i < settings.producers(); i++) {
            idle.add(new Slot("ingest-" + settings.instanceId() + "-" + i));
        }
    }

    static Map<String, Object> producerConfig(KafkaSettings settings, String transactionalId) {
        long maxBlock = settings.maxBlock().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.putAll(AssessmentsTopic.PRODUCER_SETTINGS);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        } else {
            // Lone records wait for no company: concurrent requests fill a batch while one is in flight
            // (16 clients, one record each: 2,160-2,480 requests/s against 1,900-2,000 at linger 5 ms).
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        }
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        // The next transaction's first send is refused (CONCURRENT_TRANSACTIONS) until the last one's
        // markers are written, a few ms; Kafka retries after min(20 ms, this). Other retries back off
        // exponentially from this up to retry.backoff.max.ms, so an absent broker is not hammered.
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        // Bounded answers: each blocking call gives up after maxBlock, a record after 2.5x.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (maxBlock * 5 / 4));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout(settings).toMillis());
        // How long a crashed instance's open transaction can hold back read_committed consumers.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        config.putAll(settings.producer());
        return config;
    }

    /** How long a record may take to be acknowledged: 2.5x the longest blocking call. */
    static Duration deliveryTimeout(KafkaSettings settings) {
        return settings.maxBlock().multipliedBy(5).dividedBy(2);
    }

    /** A slot with an initialised producer, or a {@link PublishFailure} (outcome known: nothing sent). */
    Slot acquire() {
        settleInDoubt();
        Slot slot;
        try {
            slot = idle.poll(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailure("interrupted while waiting for a producer", true, e);
        }
        if (slot == null) {
            throw new PublishFailure("all producers are busy", true, null);
        }
        try {
            slot.open();
            return slot;
        } catch (RuntimeException e) {
            idle.add(slot);
            throw new PublishFailure("Kafka is unavailable: " + e.getMessage(), true, e);
        }
    }

    /**
     * Initialises every idle producer now (InitProducerId at the transaction coordinator), so that
     * no request pays for it or meets a coordinator that is not there yet.
     *
     * @throws RuntimeException Kafka's reason when one could not be initialised (it stays idle)
     */
    void openAll() {
        List<Slot> taken = new ArrayList<>();
        idle.drainTo(taken);
        try {
            for (Slot slot : taken) {
                slot.open();
            }
        } finally {
            idle.addAll(taken);
        }
        direct();
    }

    /**
     * The one producer outside transactions (idempotent, {@code acks=all}, as the others), shared by
     * every request whose lone record is atomic by itself; Kafka batches their concurrent sends.
     */
    Producer<byte[], byte[]> direct() {
        Producer<byte[], byte[]> p = direct;
        if (p == null) {
            synchronized (this) {
                if (direct == null) {
                    direct = factory.create(null);
                }
                p = direct;
            }
        }
        return p;
    }

    void release(Slot slot) {
        idle.add(slot);
    }

    /** The producer failed; its transaction was never asked to commit. */
    void discard(Slot slot) {
        slot.discard();
        idle.add(slot);
    }

    /** The commit was asked but not answered: hold everything until the outcome is settled. */
    void discardInDoubt(Slot slot) {
        slot.discard();
        inDoubt.add(slot);
        log.warn("Transaction of {} is in doubt; publishing pauses until it is settled", slot.transactionalId);
    }

    void settleInDoubt() {
        if (inDoubt.isEmpty()) {
            return;
        }
        synchronized (inDoubt) {
            for (Slot slot : Set.copyOf(inDoubt)) {
                try {
                    slot.open(); // initTransactions: the coordinator completes or aborts the old one
                } catch (RuntimeException e) {
                    throw new PublishFailure("Kafka is unavailable while settling an earlier transaction: "
                            + e.getMessage(), true, e);
                }
                inDoubt.remove(slot);
                idle.add(slot);
                log.info("Transaction of {} settled", slot.transactionalId);
            }
        }
    }

    @Override
    public void close() {
        idle.forEach(Slot::discard);
        inDoubt.forEach(Slot::discard);
        if (direct != null) {
            direct.close(acquireTimeout); // its records are answered by callbacks: let them land
        }
    }
}
