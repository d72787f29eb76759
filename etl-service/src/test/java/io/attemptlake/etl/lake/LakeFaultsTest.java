package io.attemptlake.etl.lake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Expected;
import io.attemptlake.etl.PauseAt;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.run.RunPhase;
import io.attemptlake.testsupport.HdfsCluster;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * HDFS faults under a run, each on an HDFS of the test's own: a DataNode lost mid-run, a lake
 * that fills up (space quota) mid-run, a lake that turns read-only (safe mode). The run succeeds or
 * fails with HDFS's reason, the committed data is untouched, and once HDFS is whole again the next
 * run lands exactly what one clean run would.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
@RealKafka
class LakeFaultsTest {

    @Test
    void aDataNodeLostMidRunLeavesTheLakeExactAfterTheNextRun() throws Exception {
        try (HdfsCluster hdfs = HdfsCluster.start(RealInfrastructure.newDir("hdfs-3dn"), new HdfsCluster.Options(3, false));
             Pipeline p = new Pipeline(hdfs)) {
            List<String> records = AttemptGenerator.records(71, 1500).toList();
            p.topic.publish("pearson", records);
            PauseAt pause = new PauseAt(RunPhase.STAGED);
            try (EtlApp etl = p.start(pause)) {
                String id = etl.trigger().json().get("id").asString();
                pause.awaitReached();
                hdfs.mini().stopDataNode(0); // its replicas of staged files go with it
                pause.release();
                JsonNode first = etl.awaitFinished(id);
                System.out.println("run with a DataNode lost: " + first.get("status").asString() + " " + first.get("error"));
                assertThat(first.get("status").asString()).isIn("SUCCEEDED", "FAILED");
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                assertExact(p, records);
            }
        }
    }

    @Test
    void aFullLakeFailsTheRunWithHdfsReasonAndKeepsWhatWasCommitted() throws Exception {
        try (HdfsCluster hdfs = HdfsCluster.start(RealInfrastructure.newDir("hdfs-quota"), HdfsCluster.Options.DEFAULT);
             Pipeline p = new Pipeline(hdfs)) {
            List<String> all = new ArrayList<>(AttemptGenerator.records(72, 200).toList());
            p.topic.publish("pearson", all);
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                long attemptsBefore = p.lake.count(Table.ATTEMPTS);
                List<String> more = AttemptGenerator.records(73, 4000).toList();
                p.topic.publish("pearson", more);
                all.addAll(more);
                DistributedFileSystem dfs = (DistributedFileSystem) hdfs.fileSystem();
                Path lake = new Path(p.lakeBase);
                ContentSummary used = dfs.getContentSummary(lake);
                // Room for the run's records, not for its data: a new block needs a whole block's space.
                dfs.setQuota(lake, HdfsConstants.QUOTA_DONT_SET, used.getSpaceConsumed()
                        + dfs.getDefaultBlockSize(lake) * dfs.getDefaultReplication(lake) + 64 * 1024);

                JsonNode full = etl.runToCompletion();

                assertThat(full.get("status").asString()).isEqualTo("FAILED");
                assertThat(full.get("error").asString()).containsIgnoringCase("quota");
                assertThat(p.lake.count(Table.ATTEMPTS)).as("committed data untouched").isEqualTo(attemptsBefore);

                dfs.setQuota(lake, HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                assertExact(p, all);
            }
        }
    }

    @Test
    void aReadOnlyLakeRefusesTheTriggerWithHdfsReasonAndKeepsWhatWasCommitted() throws Exception {
        try (HdfsCluster hdfs = HdfsCluster.start(RealInfrastructure.newDir("hdfs-safemode"), HdfsCluster.Options.DEFAULT);
             Pipeline p = new Pipeline(hdfs)) {
            List<String> all = new ArrayList<>(AttemptGenerator.records(74, 200).toList());
            p.topic.publish("pearson", all);
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                long attemptsBefore = p.lake.count(Table.ATTEMPTS);
                List<String> more = AttemptGenerator.records(75, 100).toList();
                p.topic.publish("pearson", more);
                all.addAll(more);
                DistributedFileSystem dfs = (DistributedFileSystem) hdfs.fileSystem();
                dfs.setSafeMode(org.apache.hadoop.fs.SafeModeAction.ENTER);

                Http.Response refused = etl.trigger();

                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("detail").asString()).containsIgnoringCase("safe mode");
                assertThat(p.lake.count(Table.ATTEMPTS)).isEqualTo(attemptsBefore);
                assertThat(etl.http().get("/api/v1/etl/runs", "X-API-Key", EtlApp.ADMIN_KEY).status()).isEqualTo(200);

                dfs.setSafeMode(org.apache.hadoop.fs.SafeModeAction.LEAVE);
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                assertExact(p, all);
            }
        }
    }

    private static void assertExact(Pipeline p, List<String> published) {
        Expected expected = new Expected(published);
        assertThat(p.lake.count(Table.RAW)).isEqualTo(published.size());
        List<io.attemptlake.model.Question> questions = expected.distinct.values().stream()
                .flatMap(a -> a.sequences().questions().stream()).toList();
        assertThat(p.lake.count(Table.ATTEMPTS)).isEqualTo(expected.distinct.size());
        assertThat(p.lake.count(Table.QUESTIONS)).isEqualTo(questions.size());
        assertThat(p.lake.count(Table.OPTIONS)).isEqualTo(questions.stream().mapToLong(q -> q.options().size()).sum());
        assertThat(p.lake.table(Table.ATTEMPTS).groupBy("tenant", "attempt_key").count()
                .filter(col("count").gt(1)).count()).as("an attempt twice").isZero();
    }
}
