package io.attemptlake.etl.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.PauseAt;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TenantTable;
import io.attemptlake.etl.run.RunPhase;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Compaction on a real HDFS: runs fill a day with small files; compaction rewrites them into one,
 * every query answers as before, and a run and a compaction asked for at the same time take turns.
 */
@RealKafka
@RealHdfs
class CompactionTest {

    private static final List<String> QUESTIONS = List.of(
            "SELECT count(*), sum(correct), sum(total) FROM attempts",
            "SELECT exam_name, count(*) AS n FROM attempts GROUP BY exam_name ORDER BY n DESC, exam_name LIMIT 10",
            "SELECT user_result, count(*) FROM questions GROUP BY user_result ORDER BY user_result",
            "SELECT count(*), sum(CASE WHEN checked THEN 1 ELSE 0 END) FROM options",
            "SELECT outcome, count(*) FROM raw_assessments GROUP BY outcome ORDER BY outcome");

    @Test
    void rewritesADaysSmallFilesIntoOneAndEveryAnswerStaysTheSame() throws Exception {
        PauseAt pause = new PauseAt(RunPhase.STAGED);
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start(pause, "--etl.compaction.min-files=3")) {
            TenantTable attempts = new TenantTable(Table.ATTEMPTS, "pearson");
            // The first run pauses once staged; the compaction asked for meanwhile waits for it.
            p.topic.publish("pearson", AttemptGenerator.records(100, 10).toList());
            String paused = etl.trigger().json().get("id").asString();
            pause.awaitReached();
            CompletableFuture<Http.Response> racing = CompletableFuture.supplyAsync(() ->
                    etl.http().patient(java.time.Duration.ofMinutes(5)).post("/api/v1/compactions", "", "X-API-Key", EtlApp.ADMIN_KEY));
            Thread.sleep(1000);
            assertThat(racing).as("compaction waits while a run has the lake").isNotDone();
            pause.release();
            assertThat(etl.awaitFinished(paused).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(racing.get(3, TimeUnit.MINUTES).status()).isEqualTo(200);

            for (int i = 1; i <= 4; i++) {
                p.topic.publish("pearson", AttemptGenerator.records(100 + i, 10).toList());
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
            }
            DeltaTables delta = etl.bean(DeltaTables.class);
            CommitProtocol commits = etl.bean(CommitProtocol.class);
            assertThat(delta.files(attempts, commits.visible().versions().get(attempts))).hasSize(5);
            Map<String, String> before = answers(etl);

            Http.Response done = etl.http().patient(java.time.Duration.ofMinutes(5)).post("/api/v1/compactions?tenant=pearson", "", "X-API-Key", EtlApp.ADMIN_KEY);

            assertThat(done.status()).as(done.body()).isEqualTo(200);
            JsonNode day = find(done.json().get("days"), "flattened/attempts/tenant=pearson");
            assertThat(day.get("filesBefore").asInt()).isEqualTo(5);
            assertThat(day.get("filesAfter").asInt()).isEqualTo(1);
            assertThat(delta.files(attempts, commits.visible().versions().get(attempts))).hasSize(1);
            assertThat(answers(etl)).as("every answer after compaction").isEqualTo(before);

            // Nothing left to compact: a second call changes nothing.
            assertThat(etl.http().patient(java.time.Duration.ofMinutes(5)).post("/api/v1/compactions", "", "X-API-Key", EtlApp.ADMIN_KEY).json().get("days")).isEmpty();
            p.topic.publish("pearson", AttemptGenerator.records(120, 10).toList());
            assertThat(etl.runToCompletion().get("counts").get("attempts").asLong()).as("runs go on after it").isPositive();
        }
    }

    private static JsonNode find(JsonNode days, String table) {
        for (JsonNode d : days) {
            if (d.get("table").asString().equals(table)) {
                return d;
            }
        }
        throw new AssertionError(table + " not compacted: " + days);
    }

    private static Map<String, String> answers(EtlApp etl) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String sql : QUESTIONS) {
            Http.Response r = etl.http().post("/api/v1/queries", "{\"sql\":\"" + sql + "\"}", "Content-Type",
                    "application/json", "X-API-Key", EtlApp.ADMIN_KEY);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            answers.put(sql, r.json().get("rows").toString());
        }
        List<String> keys = new ArrayList<>(answers.keySet());
        assertThat(keys).hasSize(QUESTIONS.size());
        return answers;
    }
}
