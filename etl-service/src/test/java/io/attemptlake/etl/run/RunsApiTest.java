package io.attemptlake.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.PauseAt;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.run.RunPhase;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@RealKafka
@RealHdfs
class RunsApiTest {

    private static final String[] ADMIN = {"X-API-Key", EtlApp.ADMIN_KEY};

    @Test
    void reportsProgressWhileRunningRefusesASecondTriggerAndKeepsHistoryAcrossARestart() throws Exception {
        PauseAt pause = new PauseAt(RunPhase.STAGED);
        try (Pipeline p = new Pipeline()) {
            p.topic.publish("pearson", AttemptGenerator.records(1, 40).toList());
            String id;
            JsonNode finished;
            try (EtlApp etl = p.start(pause)) {
                Http.Response accepted = etl.trigger();
                assertThat(accepted.status()).isEqualTo(202);
                id = accepted.json().get("id").asString();
                assertThat(accepted.header("Location")).isEqualTo("/api/v1/etl/runs/" + id);
                pause.awaitReached();

                JsonNode running = etl.run(id);
                assertThat(running.get("status").asString()).isEqualTo("RUNNING");
                assertThat(running.get("progress").get("phase").asString()).isEqualTo("STAGED");
                assertThat(running.get("progress").get("tasksTotal").asInt()).isPositive();
                assertThat(running.get("offsets")).hasSize(3);

                Http.Response second = etl.trigger();
                assertThat(second.status()).isEqualTo(409);
                assertThat(second.contentType()).startsWith("application/problem+json");
                assertThat(second.json().get("runningRunId").asString()).isEqualTo(id);
                assertThat(second.json().get("detail").asString()).contains(id);

                pause.release();
                finished = etl.awaitFinished(id);
                assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(finished.has("progress")).isFalse();
                assertThat(finished.get("phaseMillis").has("PARSED")).isTrue();
                // local[*]: every task on the driver's own executor.
                assertThat(finished.get("executors")).hasSize(1);
                assertThat(finished.get("executors").get(0).get("id").asString()).isEqualTo("driver");
                assertThat(finished.get("executors").get(0).get("tasks").asLong()).isPositive();
                assertThat(finished.get("startedAt").asString()).isNotEmpty();
                assertThat(finished.get("finishedAt").asString()).isNotEmpty();
                JsonNode counts = finished.get("counts");
                assertThat(counts.get("messagesRead").asLong()).isEqualTo(counts.get("rawRows").asLong())
                        .isEqualTo(counts.get("attempts").asLong() + counts.get("duplicatesSkipped").asLong()
                                + counts.get("quarantined").asLong());
                String newer = etl.runToCompletion().get("id").asString();
                assertThat(etl.http().get("/api/v1/etl/runs", ADMIN).json().get("runs"))
                        .extracting(r -> r.get("id").asString()).containsExactly(newer, id);
            }
            try (EtlApp restarted = p.start()) {
                JsonNode history = restarted.http().get("/api/v1/etl/runs", ADMIN).json().get("runs");
                assertThat(history).hasSize(2);
                assertThat(restarted.run(id)).isEqualTo(finished);
            }
        }
    }

    @Test
    void answersEveryRefusalInProblemJson() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            Http http = etl.http();
            assertThat(http.post("/api/v1/etl/runs", "").status()).isEqualTo(401);
            Http.Response tenant = http.post("/api/v1/etl/runs", "", "X-API-Key", EtlApp.PEARSON_KEY);
            assertThat(tenant.status()).isEqualTo(403);
            assertThat(tenant.contentType()).startsWith("application/problem+json");
            Http.Response missing = http.get("/api/v1/etl/runs/20990101T000000000Z", ADMIN);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("type").asString()).isEqualTo("/problems/run-not-found");
            assertThat(http.get("/api/v1/etl/runs?limit=0", ADMIN).status()).isEqualTo(400);
            assertThat(http.get("/api/v1/etl/runs?limit=lots", ADMIN).status()).isEqualTo(400);
            assertThat(http.get("/api/v1/etl/runs", ADMIN).json().get("runs")).isEmpty();
        }
    }
}
