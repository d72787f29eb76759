package io.attemptlake.etl.lake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.CrashAt;
import io.attemptlake.etl.EtlApp;

import io.attemptlake.etl.LakeReader;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.run.RunPhase;
import io.attemptlake.etl.run.RunScheduler;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.json.AttemptReader;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Exactly once under crashes: a run is killed at each phase in turn, the service restarts and runs
 * again. After each recovery the lake holds every message once in raw and every attempt once;
 * at the end every table equals what one clean run over the same topic lands. Batches arrive
 * between the crashes (with re-sent attempts and poison), so crashes also cross the
 * de-duplication against earlier runs. (Landed contents do not depend on run boundaries: the first
 * occurrence of an attempt wins, within a run and across runs.)
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
@RealKafka
@RealHdfs
class CrashRecoveryTest {

    @Test
    void aRunKilledAtAnyPhaseLeavesNoPartialOutputAndTheNextRunLandsExactlyWhatACleanRunWould() throws Exception {
        CrashAt crash = new CrashAt();
        Set<String> attempts = new HashSet<>();
        long messages = 0;
        long poison = 0;
        try (Pipeline p = new Pipeline()) {
            try (EtlApp crashing = p.start(crash)) {
                int seed = 100;
                List<String> earlier = List.of();
                for (RunPhase phase : RunPhase.values()) {
                    List<String> batch = AttemptGenerator.records(seed++, 20).toList();
                    messages += publish(p, "pearson", batch, attempts) + publish(p, "acme", batch.subList(0, 4), attempts)
                            + publish(p, "pearson", earlier, attempts); // re-sent from the previous batch
                    p.topic.publishRaw(("poison before " + phase).getBytes(StandardCharsets.UTF_8), Map.of("tenant", "pearson"));
                    messages++;
                    poison++;
                    earlier = batch.subList(0, 3);

                    crash.arm(phase);
                    String crashed = crashing.trigger().json().get("id").asString();
                    crash.awaitCrash();
                    await().atMost(Duration.ofSeconds(30)).until(() -> crashing.bean(RunScheduler.class).running().isEmpty());
                    assertNothingOrAllVisible(p.lake, crashed, phase, crashing);

                    crashing.bean(RunScheduler.class).reconcileAtStart(); // what a restart does for runs
                    assertThat(crashing.run(crashed).get("status").asString()).as("run crashed at %s, after restart", phase)
                            .isEqualTo(phase.compareTo(RunPhase.MANIFEST_WRITTEN) >= 0 ? "SUCCEEDED" : "FAILED");
                    JsonNode next = crashing.runToCompletion();
                    assertThat(next.get("status").asString()).isEqualTo("SUCCEEDED");

                    assertThat(p.lake.count(Table.RAW)).as("raw after a crash at %s", phase).isEqualTo(messages);
                    assertThat(p.lake.count(Table.QUARANTINE)).as("quarantine after a crash at %s", phase).isEqualTo(poison);
                    assertThat(p.lake.count(Table.ATTEMPTS)).as("attempts after a crash at %s", phase).isEqualTo(attempts.size());
                    assertThat(p.lake.table(Table.ATTEMPTS).groupBy("tenant", "attempt_key").count()
                            .filter(col("count").gt(1)).count()).as("an attempt twice").isZero();
                }
            }
            try (EtlApp clean = EtlApp.start(p.kafka.bootstrapServers(), p.topicName,
                    p.hdfs.uri() + "/reference-" + UUID.randomUUID(), null)) {
                assertThat(clean.runToCompletion().get("counts").get("messagesRead").asLong()).isEqualTo(messages);
                LakeReader reference = new LakeReader(clean.bean(LakeLayout.class).base().toString());
                for (Table table : Table.values()) {
                    assertThat(p.lake.contents(table)).as(table.name()).isEqualTo(reference.contents(table));
                }
            }
        }
    }

    private static long publish(Pipeline p, String tenant, List<String> records, Set<String> attempts) {
        if (records.isEmpty()) {
            return 0;
        }
        p.topic.publish(tenant, records);
        for (String r : records) {
            AttemptReader.Accepted a = (AttemptReader.Accepted) AttemptReader.read(r.getBytes(StandardCharsets.UTF_8));
            attempts.add(tenant + "/" + AttemptIdentity.of(a.attempt()));
        }
        return records.size();
    }

    /** Before its commit decision a crashed run left nothing in the tables; after it, what it decided. */
    private static void assertNothingOrAllVisible(LakeReader lake, String runId, RunPhase phase, EtlApp app) {
        long visible = Stream.of(Table.values())
                .flatMap(t -> lake.files(t).stream())
                .filter(f -> f.getName().startsWith(runId))
                .count();
        if (phase.compareTo(RunPhase.MANIFEST_WRITTEN) <= 0) {
            assertThat(visible).as("files of a run that crashed at %s", phase).isZero();
        } else if (phase == RunPhase.FILE_MOVED) {
            assertThat(visible).as("the commit window: decided, partly published").isEqualTo(1);
        } else {
            Manifest manifest = app.bean(CommitProtocol.class).manifest(runId + "-0001");
            assertThat(visible).isEqualTo(manifest.files().size());
        }
    }
}
