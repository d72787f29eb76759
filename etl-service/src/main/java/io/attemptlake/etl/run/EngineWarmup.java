package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.StagedFile;
import io.attemptlake.etl.lake.TenantTable;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.etl.landing.Erased;
import io.attemptlake.etl.lake.ParquetFooters;
import io.attemptlake.etl.landing.LandedLookup;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.source.ReadPlan;
import io.attemptlake.etl.source.KafkaSource;
import io.attemptlake.etl.source.TopicOffsets;
import io.attemptlake.model.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms the engine when the service starts, so the first run is as fast as the next: a cold JVM
 * pays for class loading, the JIT, Spark's code generation and its first jobs. Synthetic messages
 * (the lab's record, varied, and some poison) go through the very code a run uses — parse, choose,
 * stage every table, verify, append to Delta logs and list them — into a scratch location that is
 * never the lake, twice, then the
 * scratch is deleted; then the topic's latest messages are read and parsed by Spark's Kafka source,
 * and nothing of them is written. The dedupe lookup they go through is the real one: the landed-key index is
 * loaded from the lake here, not by the first run. Readiness stays DOWN ("engine") until it is done.
 */
@Component("engine")
public class EngineWarmup implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EngineWarmup.class);

    private final SparkSession spark;
    private final ParquetFooters footers;
    private final LandedKeyIndex keyIndex;
    private final CommitProtocol commits;
    private final KafkaSource source;
    private final TopicOffsets topic;
    private final RunProperties.Warmup settings;
    private final DeltaTables delta;
    private volatile Health state = Health.down().withDetail("reason", "warming up").build();

    EngineWarmup(SparkSession spark, ParquetFooters footers, LandedKeyIndex keyIndex, CommitProtocol commits,
                 KafkaSource source, TopicOffsets topic, RunProperties properties, DeltaTables delta) {
        this.delta = delta;
        this.source = source;
        this.topic = topic;
        this.spark = spark;
        this.footers = footers;
        this.keyIndex = keyIndex;
        this.commits = commits;
        this.settings = properties.warmup();
        if (!settings.enabled()) {
            state = Health.up().withDetail("warmup", "off").build();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        Thread t = new Thread(this::warm, "engine-warmup");
        t.setDaemon(true);
        t.start();
    }

    private void warm() {
        long started = System.nanoTime();
        try {
            for (int round = 1; round <= 2; round++) {
                land(round);
            }
            readTheTopic();
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("Engine warm in {} ms ({} synthetic messages, twice)", millis, settings.records());
            state = Health.up().withDetail("warmupMillis", millis).build();
        } catch (RuntimeException e) {
            // The engine still works cold; a broken one shows in the first run, with its reason.
            log.warn("Engine warm-up failed, the first run will be slower: {}", e.toString());
            state = Health.up().withDetail("warmup", "failed: " + e.getMessage()).build();
        }
    }

    private void land(int round) {
        Path scratch = scratch();
        try {
            spark.sparkContext().setJobGroup("warmup", "engine warm-up", true);
            LandingJob.Staged staged = LandingJob.stage(new LandingJob.Batch("warmup",
                    spark.createDataFrame(messages(settings.records(), round), KafkaSource.ROW_SCHEMA),
                    history(), Erased.NONE, t -> new Path(scratch, t.path())), footers, phase -> { });
            // A commit's Delta appends and a reader's listing, on scratch tables of the staged files.
            DeltaTables tables = delta.under(new LakeLayout(scratch.toString()));
            staged.files().stream().collect(Collectors.groupingBy(f -> new TenantTable(f.table(), tenantOf(f)))).forEach((t, files) -> {
                long version = tables.append(t, round, files.stream().map(f -> new DeltaTables.DataFile(f.path(), null,
                        f.rows(), f.bytes())).toList());
                tables.files(t, version);
            });
        } finally {
            spark.sparkContext().clearJobGroup();
            delete(scratch);
        }
    }

    /**
     * The run's real reader once: Spark's Kafka source on the topic's latest messages (up to
     * {@code records}), parsed and looked up in the index as a run would; nothing of them is written.
     * A cold Kafka source cost the first run seconds that the synthetic rounds do not pay.
     */
    private void readTheTopic() {
        try {
            TopicOffsets.Snapshot now = topic.snapshot();
            SortedMap<Integer, Long> start = new TreeMap<>();
            long perPartition = Math.max(1, settings.records() / Math.max(1, now.stable().size()));
            now.stable().forEach((p, end) -> start.put(p, Math.max(now.earliest().getOrDefault(p, 0L), end - perPartition)));
            ReadPlan plan = new ReadPlan(start, now.stable(), List.of());
            if (plan.isEmpty()) {
                return;
            }
            spark.sparkContext().setJobGroup("warmup-topic", "engine warm-up: the topic", true);
            Landing.choose(Landing.parse(source.read(spark, plan.nonEmptyPartitions()), "warmup", Erased.NONE), history());
        } catch (RuntimeException e) {
            log.info("Warm-up did not read the topic ({}); the first run's read will be cold", e.toString());
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** The run's lookup, the index loaded (the warm-up's own tenants are in no lake). */
    private LandedLookup history() {
        TableVersions attempts;
        try {
            attempts = commits.visible().of(Table.ATTEMPTS);
        } catch (RuntimeException e) { // a lake away: the first run loads it
            log.info("Landed-key index not loaded by the warm-up: {}", e.getMessage());
            return keys -> Set.of();
        }
        return keyIndex.lookup(spark, attempts);
    }

    private static String tenantOf(StagedFile file) {
        return file.partition().substring("tenant=".length(), file.partition().indexOf('/'));
    }

    private Path scratch() {
        if (settings.scratch() != null && !settings.scratch().isBlank()) {
            return new Path(settings.scratch(), UUID.randomUUID().toString());
        }
        try {
            return new Path(Files.createTempDirectory("attempt-lake-warmup-").toUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(Path scratch) {
        try {
            FileSystem.get(URI.create(scratch.toString()), spark.sparkContext().hadoopConfiguration()).delete(scratch, true);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the warm-up's scratch {}: {}", scratch, e.toString());
        }
    }

    /** The lab's record with a fresh identity each, a re-send every 50th, and poison every 100th. */
    static List<Row> messages(int n, int round) {
        String real = Samples.realRecord();
        List<Row> rows = new ArrayList<>(n);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            String value = i % 100 == 99 ? "not json " + i
                    : real.replace("5a6745820eb8ab00016be1f1", String.format("warmup%02d%016d", round, i % 50 == 49 ? i - 1 : i));
            List<Row> headers = List.of(RowFactory.create("tenant", (i % 3 == 0 ? "warmup-a" : "warmup-b")
                    .getBytes(StandardCharsets.UTF_8)));
            rows.add(RowFactory.create(null, value.getBytes(StandardCharsets.UTF_8), "warmup", i % 3, (long) i / 3,
                    at.plusSeconds(i), 0, headers));
        }
        return rows;
    }

    @Override
    public Health health() {
        return state;
    }
}
