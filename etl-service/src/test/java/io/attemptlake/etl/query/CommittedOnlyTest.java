package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.CrashAt;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.run.RunPhase;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.run.RunScheduler;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What each kind of reader sees while a run is between its commit decision and its marker: plain
 * readers of the directories already see its files; the query API, reading committed runs only,
 * sees none of its rows in any table until the marker is written.
 */
@RealKafka
@RealHdfs
class CommittedOnlyTest {

    @Test
    void queriesSeeARunInEveryTableAtOnceOnlyWhenItIsCommitted() throws Exception {
        CrashAt crash = new CrashAt();
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start(crash)) {
            p.topic.publish("pearson", AttemptGenerator.records(61, 50).toList());
            etl.runToCompletion();
            long first = p.lake.count(Table.ATTEMPTS);
            p.topic.publish("pearson", AttemptGenerator.records(62, 30).toList());

            crash.arm(RunPhase.FILES_MOVED); // every file in place, marker not written
            etl.trigger();
            crash.awaitCrash();
            await().atMost(Duration.ofSeconds(30)).until(() -> etl.bean(RunScheduler.class).running().isEmpty());

            assertThat(p.lake.count(Table.ATTEMPTS)).as("plain reader").isEqualTo(first + 30);
            assertThat(count(etl, "attempts")).as("query API").isEqualTo(first);
            assertThat(count(etl, "raw_assessments")).isEqualTo(50);
            assertThat(count(etl, "questions")).isEqualTo(count(etl, "questions WHERE run_id IN (SELECT run_id FROM attempts)"));

            etl.bean(RunScheduler.class).reconcileAtStart(); // restart: recovery writes the marker
            assertThat(count(etl, "attempts")).isEqualTo(first + 30);
            assertThat(count(etl, "raw_assessments")).isEqualTo(80);
        }
    }

    private static long count(EtlApp etl, String from) {
        return etl.http().post("/api/v1/queries", "{\"sql\":\"SELECT count(*) FROM " + from + "\"}",
                "X-API-Key", EtlApp.PEARSON_KEY, "Content-Type", "application/json").json()
                .get("rows").get(0).get(0).asLong();
    }
}
