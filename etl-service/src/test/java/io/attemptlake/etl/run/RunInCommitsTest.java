package io.attemptlake.etl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.CrashAt;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.LakeReader;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.json.AttemptReader;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A backlog larger than {@code etl.run.max-records} lands in several commits of one run, each
 * committed before the next is read: a crash in a later commit keeps the earlier ones, and the lake
 * ends exactly as one unbounded run would leave it.
 */
@RealKafka
@RealHdfs
class RunInCommitsTest {

    @Test
    void aLargeBacklogLandsInBoundedCommitsAndACrashInOneKeepsThoseBefore() throws Exception {
        CrashAt crash = new CrashAt();
        try (Pipeline p = new Pipeline()) {
            List<String> batch = AttemptGenerator.records(7, 90).toList();
            p.topic.publish("pearson", batch.subList(0, 45));
            p.topic.publish("acme", batch.subList(45, 90));
            p.topic.publish("pearson", batch.subList(0, 10)); // re-sent: duplicates of the first commit
            p.topic.publishRaw("poison".getBytes(StandardCharsets.UTF_8), Map.of("tenant", "pearson"));
            long messages = 90 + 10 + 1;
            Set<String> attempts = new HashSet<>();
            long unusable = 1;
            for (int i = 0; i < 100; i++) {
                String tenant = i >= 45 && i < 90 ? "acme" : "pearson";
                if (AttemptReader.read(batch.get(i % 90).getBytes(StandardCharsets.UTF_8)) instanceof AttemptReader.Accepted a) {
                    attempts.add(tenant + "/" + AttemptIdentity.of(a.attempt()));
                } else {
                    unusable++;
                }
            }

            try (EtlApp etl = p.start(crash, "--etl.run.max-records=30")) {
                crash.arm(RunPhase.STAGED, 2);
                String crashed = etl.trigger().json().get("id").asString();
                crash.awaitCrash();
                await().atMost(Duration.ofSeconds(30)).until(() -> etl.bean(RunScheduler.class).running().isEmpty());
                etl.bean(RunScheduler.class).reconcileAtStart();

                assertThat(etl.bean(CommitProtocol.class).commitsOf(crashed)).containsExactly(crashed + "-0001");
                long first = p.lake.count(Table.RAW);
                assertThat(first).as("the first commit's messages, no more").isBetween(1L, 30L);
                JsonNode failed = etl.run(crashed);
                assertThat(failed.get("status").asString()).isEqualTo("FAILED");
                assertThat(failed.get("counts").get("rawRows").asLong()).isEqualTo(first);

                crash.disarm();
                JsonNode next = etl.runToCompletion();
                assertThat(next.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(next.get("commits").size()).as("commits of at most 30 offsets").isGreaterThanOrEqualTo(3);
                JsonNode counts = next.get("counts");
                assertThat(counts.get("messagesRead").asLong()).isEqualTo(messages - first);
                assertThat(counts.get("rawRows").asLong()).isEqualTo(messages - first);
                assertThat(p.lake.count(Table.RAW)).isEqualTo(messages);
                assertThat(p.lake.count(Table.QUARANTINE)).isEqualTo(unusable);
                assertThat(p.lake.count(Table.ATTEMPTS)).isEqualTo(attempts.size());
                assertThat(failed.get("counts").get("duplicatesSkipped").asLong() + counts.get("duplicatesSkipped").asLong())
                        .as("the re-sent ten, and the generator's own re-sends, over both runs")
                        .isEqualTo(messages - unusable - attempts.size()).isGreaterThanOrEqualTo(10);
            }

            try (EtlApp unbounded = EtlApp.start(p.kafka.bootstrapServers(), p.topicName,
                    p.hdfs.uri() + "/reference-" + UUID.randomUUID(), null)) {
                JsonNode one = unbounded.runToCompletion();
                assertThat(one.get("commits").size()).isEqualTo(1);
                LakeReader reference = new LakeReader(unbounded.bean(LakeLayout.class).base().toString());
                for (Table table : Table.values()) {
                    assertThat(p.lake.contents(table)).as(table.name()).isEqualTo(reference.contents(table));
                }
            }
        }
    }
}
