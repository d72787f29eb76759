package io.attemptlake.ingest.readiness;

import io.attemptlake.ingest.idempotency.IdempotencyProperties;
import io.attemptlake.ingest.publish.AssessmentPublisher;
import io.attemptlake.ingest.publish.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the topics if missing (like the lab's {@code kafka-topics --create --if-not-exists}), then
 * proves a transaction commits, in the background and until it succeeds, so the service starts even
 * while Kafka is still coming up, and is not ready before a request could be answered 201: on a
 * fresh broker the transaction coordinator appears seconds after the topics can be created.
 * Also answers "is Kafka reachable right now" for readiness, with a short cache.
 */
@Component
public class TopicProvisioner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long CHECK_CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final KafkaSettings settings;
    private final IdempotencyProperties idempotency;
    private final Admin admin;
    private final AssessmentPublisher publisher;
    private volatile boolean provisioned;
    private volatile boolean transactionsReady;
    private volatile boolean stopping;
    private volatile long checkedAt;
    private volatile String lastError = "not checked yet";
    private Thread worker;

    public TopicProvisioner(KafkaSettings settings, IdempotencyProperties idempotency, AssessmentPublisher publisher) {
        this.settings = settings;
        this.publisher = publisher;
        this.idempotency = idempotency;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.maxBlock().toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.maxBlock().toMillis() * 2);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(props);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        worker = new Thread(this::provisionUntilDone, "topic-provisioner");
        worker.setDaemon(true);
        worker.start();
    }

    private void provisionUntilDone() {
        while (!stopping && !transactionsReady) {
            try {
                if (!provisioned) {
                    provision();
                    provisioned = true;
                    log.info("Topics {} and {} are ready", settings.topic(), idempotency.topic());
                }
                long started = System.nanoTime();
                publisher.probeTransaction(idempotency.topic());
                transactionsReady = true;
                log.info("Transactions commit ({} producers initialised, probe committed in {} ms)",
                        settings.producers(), (System.nanoTime() - started) / 1_000_000);
            } catch (Exception e) {
                lastError = e.getMessage();
                log.warn("Kafka not ready for {} yet: {}", provisioned ? "transactions" : "topic creation", e.getMessage());
                sleep(provisioned ? 500 : 2000);
            }
        }
    }

    void provision() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        NewTopic assessments = new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas())));
        // Idempotency entries: one per key, kept for the replay window, then deleted.
        NewTopic keys = new NewTopic(idempotency.topic(), idempotency.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(idempotency.window().toMillis() * 2),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas())));
        Set<String> existing = admin.listTopics().names().get(settings.maxBlock().toMillis() * 2, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = List.of(assessments, keys).stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(settings.maxBlock().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    public boolean provisioned() {
        return provisioned;
    }

    /** A transaction has committed on this cluster since the start: producers are initialised. */
    public boolean transactionsReady() {
        return transactionsReady;
    }

    /** Whether the cluster answers now (cached for a second). Null when it does, else why not. */
    public String unreachableReason() {
        long now = System.nanoTime();
        if (now - checkedAt > CHECK_CACHE_NANOS) {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) settings.maxBlock().toMillis()))
                        .nodes().get(settings.maxBlock().toMillis(), TimeUnit.MILLISECONDS);
                lastError = null;
            } catch (Exception e) {
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            checkedAt = System.nanoTime();
        }
        return lastError;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        stopping = true;
        if (worker != null) {
            worker.interrupt();
        }
        admin.close();
    }
}
