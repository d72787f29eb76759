package io.attemptlake.etl.run;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.model.Samples;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@RealKafka
@RealHdfs
class LandingJobTest {

    private static final String REAL = Samples.realRecord();

    @Test
    void landsTheRealRecordInEveryTableWithTheRightValues() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", List.of(REAL));

            JsonNode run = etl.runToCompletion();

            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            Row raw = p.lake.table(Table.RAW).first();
            assertThat(raw.<String>getAs("value")).isEqualTo(REAL);
            assertThat(raw.<String>getAs("key")).isEqualTo("pearson/5a6745820eb8ab00016be1f1");
            assertThat(raw.<String>getAs("topic")).isEqualTo(p.topicName);
            assertThat(raw.<String>getAs("tenant")).isEqualTo("pearson");
            assertThat(raw.<Long>getAs("offset")).isEqualTo(0L);
            assertThat(raw.<Instant>getAs("timestamp")).isBefore(Instant.now());

            Row a = p.lake.table(Table.ATTEMPTS).first();
            assertThat(a.<String>getAs("keen_id")).isEqualTo("5a6745820eb8ab00016be1f1");
            assertThat(a.<Instant>getAs("keen_timestamp")).isEqualTo(Instant.parse("2018-01-23T14:24:02.735266Z"));
            assertThat(a.<Instant>getAs("started_at")).isEqualTo(Instant.parse("2018-01-23T14:23:19.082Z"));
            assertThat(a.<String>getAs("exam_name")).isEqualTo("Normal Forms and All That Jazz Master Class");
            assertThat(a.<Double>getAs("max_attempts")).isEqualTo(1.0);
            assertThat(a.<Boolean>getAs("certification")).isFalse();
            assertThat(a.<Integer>getAs("correct")).isEqualTo(2);
            assertThat(a.<Double>getAs("score")).isEqualTo(0.5);
            assertThat(a.<String>getAs("tenant")).isEqualTo("pearson");
            assertThat(p.lake.count(Table.QUESTIONS)).isEqualTo(4);
            assertThat(p.lake.count(Table.OPTIONS)).isEqualTo(14);
            assertThat(p.lake.table(Table.OPTIONS).filter(col("option_id").equalTo("7e0b639a-2ef8-4604-b7eb-5018bd81a91b"))
                    .first().<Instant>getAs("at")).isEqualTo(Instant.parse("2018-01-23T14:23:41.791Z"));
            assertThat(p.lake.count(Table.QUARANTINE)).isZero();

            JsonNode counts = run.get("counts");
            assertThat(counts.get("messagesRead").asLong()).isEqualTo(1);
            assertThat(counts.get("rawRows").asLong()).isEqualTo(1);
            assertThat(counts.get("attempts").asLong()).isEqualTo(1);
            assertThat(counts.get("questions").asLong()).isEqualTo(4);
            assertThat(counts.get("options").asLong()).isEqualTo(14);
            assertThat(run.get("outputs").get("attempts").asString()).endsWith("/flattened/attempts");
            assertThat(p.lake.files(Table.ATTEMPTS)).allSatisfy(f ->
                    assertThat(f.toString()).contains("/flattened/attempts/tenant=pearson/ingest_date="));
        }
    }

    @Test
    void keepsNonAsciiTextIntact() {
        String name = "日本語で学ぶ機械学習 – Café Übungen ✓";
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("acme", List.of(REAL.replace("Normal Forms and All That Jazz Master Class", name)));

            etl.runToCompletion();

            assertThat(p.lake.table(Table.ATTEMPTS).first().<String>getAs("exam_name")).isEqualTo(name);
            assertThat(p.lake.table(Table.RAW).first().<String>getAs("value")).contains(name);
        }
    }

    @Test
    void quarantinesPoisonMessagesAndTheRunStillSucceeds() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", List.of(REAL));
            p.topic.publishRaw("hello from kafkacat".getBytes(), Map.of());
            p.topic.publishRaw(REAL.getBytes(), Map.of("tenant", "pearson"));
            p.topic.publishRaw("{\"exam_name\":\"no dates\"}".getBytes(), Map.of("tenant", "pearson"));

            JsonNode run = etl.runToCompletion();

            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            JsonNode counts = run.get("counts");
            assertThat(counts.get("messagesRead").asLong()).isEqualTo(4);
            assertThat(counts.get("quarantined").asLong()).isEqualTo(2);
            assertThat(counts.get("attempts").asLong()).isEqualTo(1);
            assertThat(counts.get("duplicatesSkipped").asLong()).isEqualTo(1);
            List<String> reasons = p.lake.table(Table.QUARANTINE).select("reason").collectAsList().stream()
                    .map(r -> r.getString(0)).toList();
            assertThat(reasons).containsExactlyInAnyOrder("no tenant header",
                    "/base_exam_id: must not be blank; /started_at: must not be null; /user_exam_id: must not be blank");
            assertThat(p.lake.table(Table.QUARANTINE).filter(col("tenant").isNull()).count()).isEqualTo(1);
        }
    }

    @Test
    void landsEachAttemptOnceWithinAndAcrossRuns() {
        List<String> records = AttemptGenerator.records(7, 400).toList();
        long distinct = records.stream().distinct().count();
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", records);
            JsonNode first = etl.runToCompletion();

            p.topic.publish("pearson", records.subList(0, 50)); // re-sent next week
            p.topic.publish("acme", records.subList(0, 10));     // another tenant's own attempts
            JsonNode second = etl.runToCompletion();

            assertThat(first.get("counts").get("attempts").asLong()).isEqualTo(distinct);
            assertThat(first.get("counts").get("duplicatesSkipped").asLong()).isEqualTo(400 - distinct);
            assertThat(second.get("counts").get("messagesRead").asLong()).isEqualTo(60);
            assertThat(second.get("counts").get("attempts").asLong()).isEqualTo(records.subList(0, 10).stream().distinct().count());
            assertThat(p.lake.count(Table.RAW)).isEqualTo(460);
            assertThat(p.lake.table(Table.ATTEMPTS).filter(col("tenant").equalTo("pearson")).count()).isEqualTo(distinct);
            assertThat(p.lake.table(Table.ATTEMPTS).groupBy("tenant", "attempt_key").count().filter(col("count").gt(1)).count())
                    .isZero();
        }
    }

    @Test
    void aSecondRunReadsOnlyNewOffsetsAndARunWithNothingNewIsANoOp() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", AttemptGenerator.records(8, 30).toList());
            JsonNode first = etl.runToCompletion();
            p.topic.publish("pearson", AttemptGenerator.records(9, 20).toList());
            JsonNode second = etl.runToCompletion();
            JsonNode third = etl.runToCompletion();

            assertThat(second.get("counts").get("messagesRead").asLong()).isEqualTo(20);
            for (int i = 0; i < 3; i++) {
                assertThat(second.get("offsets").get(i).get("fromOffset").asLong())
                        .isEqualTo(first.get("offsets").get(i).get("toOffset").asLong());
            }
            assertThat(third.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(third.get("counts").get("messagesRead").asLong()).isZero();
            assertThat(third.get("notes").toString()).contains("nothing new");
            assertThat(p.lake.count(Table.RAW)).isEqualTo(50);
        }
    }

    @Test
    void neverLandsAbortedTransactions() {
        List<String> aborted = AttemptGenerator.records(10, 25).toList();
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publishAborted("pearson", aborted);
            p.topic.publish("pearson", List.of(REAL));

            JsonNode run = etl.runToCompletion();

            assertThat(run.get("counts").get("messagesRead").asLong()).isEqualTo(1);
            assertThat(p.lake.table(Table.RAW).select("value").collectAsList()).extracting(r -> r.getString(0))
                    .containsExactly(REAL);
        }
    }
}
