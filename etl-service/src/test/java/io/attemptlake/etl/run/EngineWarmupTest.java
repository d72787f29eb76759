package io.attemptlake.etl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.attemptlake.datagen.AttemptGenerator;

/** The engine is warmed at start, into scratch, never the lake; the service is not ready before. */
@RealKafka
@RealHdfs
class EngineWarmupTest {

    @Test
    void readinessStaysDownUntilTheEngineIsWarmAndTheWarmUpLeavesNothingBehind() throws Exception {
        try (Pipeline p = new Pipeline()) {
            List<String> records = AttemptGenerator.records(21, 50).toList();
            p.topic.publish("pearson", records); // read by the warm-up, landed by the run
            String scratch = p.hdfs.uri() + "/warmup-" + UUID.randomUUID();
            try (EtlApp etl = p.start("--etl.run.warmup.enabled=true", "--etl.run.warmup.records=20000",
                    "--etl.run.warmup.scratch=" + scratch)) {
                Http.Response early = etl.http().get("/actuator/health/readiness");
                assertThat(early.status()).as("ready while warming up").isEqualTo(503);
                assertThat(early.json().get("components").get("engine").get("status").asString()).isEqualTo("DOWN");

                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    Http.Response r = etl.http().get("/actuator/health/readiness");
                    assertThat(r.status()).isEqualTo(200);
                });
                assertThat(etl.bean(EngineWarmup.class).health().getDetails())
                        .as("warmed through the run's code, not given up").containsKey("warmupMillis");

                FileSystem fs = FileSystem.get(URI.create(scratch), new Configuration());
                Path dir = new Path(scratch);
                assertThat(!fs.exists(dir) || fs.listStatus(dir).length == 0).as("scratch left behind").isTrue();
                for (Table t : Table.values()) {
                    assertThat(p.lake.exists(t)).as("%s written by the warm-up", t).isFalse();
                }
                assertThat(etl.bean(SparkSession.class).sparkContext().statusTracker().getJobIdsForGroup("warmup-topic"))
                        .as("the topic read by Spark's Kafka source").isNotEmpty();
                JsonNode run = etl.runToCompletion();
                assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(run.get("counts").get("attempts").asLong()).as("nothing of the topic landed by the warm-up")
                        .isEqualTo(records.stream().distinct().count());
            }
        }
    }
}
