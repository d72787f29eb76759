package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.Samples;
import io.attemptlake.model.json.AttemptReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class LandingTest {

    private static final String REAL = Samples.realRecord();

    private static Dataset<Row> messages(KafkaRows rows) {
        return Landing.parse(rows.toDataset(), "r1", Erased.NONE).cache();
    }

    private static Dataset<Row> none() {
        return SparkTestSession.get().emptyDataFrame().selectExpr("'' tenant", "'' attempt_key").limit(0);
    }

    @Test
    void landsTheRealRecordWithEveryAttemptFieldTyped() {
        Row a = Landed.land(new KafkaRows().add("pearson", REAL)).table(Table.ATTEMPTS).first();

        assertThat(a.<String>getAs("attempt_key")).isEqualTo("5a6745820eb8ab00016be1f1");
        assertThat(a.<String>getAs("keen_id")).isEqualTo("5a6745820eb8ab00016be1f1");
        assertThat(a.<Instant>getAs("keen_timestamp")).isEqualTo(Instant.parse("2018-01-23T14:24:02.735266Z"));
        assertThat(a.<Instant>getAs("keen_created_at")).isEqualTo(Instant.parse("2018-01-23T14:24:02.735266Z"));
        assertThat(a.<Instant>getAs("started_at")).isEqualTo(Instant.parse("2018-01-23T14:23:19.082Z"));
        assertThat(a.<String>getAs("base_exam_id")).isEqualTo("37f0a30a-7464-11e6-aa92-a8667f27e5dc");
        assertThat(a.<String>getAs("user_exam_id")).isEqualTo("6d4089e4-bde5-4a22-b65f-18bce9ab79c8");
        assertThat(a.<String>getAs("exam_name")).isEqualTo("Normal Forms and All That Jazz Master Class");
        assertThat(a.<Double>getAs("max_attempts")).isEqualTo(1.0);
        assertThat(a.<Boolean>getAs("certification")).isFalse();
        assertThat(a.<String>getAs("sequence_id")).isEqualTo("5b28a462-7a3b-42e0-b508-09f3906d1703");
        assertThat(a.<Integer>getAs("attempt")).isEqualTo(1);
        assertThat(a.<Integer>getAs("incomplete")).isEqualTo(1);
        assertThat(a.<Integer>getAs("submitted")).isEqualTo(4);
        assertThat(a.<Integer>getAs("incorrect")).isEqualTo(1);
        assertThat(a.<Boolean>getAs("all_correct")).isFalse();
        assertThat(a.<Integer>getAs("correct")).isEqualTo(2);
        assertThat(a.<Integer>getAs("total")).isEqualTo(4);
        assertThat(a.<Integer>getAs("unanswered")).isEqualTo(0);
        assertThat(a.<Double>getAs("score")).isEqualTo(0.5);
        assertThat(a.<Integer>getAs("question_count")).isEqualTo(4);
        assertThat(a.<String>getAs("tenant")).isEqualTo("pearson");
        assertThat(a.<LocalDate>getAs("ingest_date")).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(a.<Integer>getAs("kafka_partition")).isEqualTo(0);
        assertThat(a.<Long>getAs("kafka_offset")).isEqualTo(0L);
        assertThat(a.<String>getAs("run_id")).isEqualTo("now");
    }

    @Test
    void landsOneRowPerQuestionAndPerOption() {
        Landed landed = Landed.land(new KafkaRows().add("pearson", REAL));

        List<Row> questions = landed.table(Table.QUESTIONS).orderBy("question_index").collectAsList();
        List<Row> options = landed.table(Table.OPTIONS).orderBy("question_index", "option_index").collectAsList();

        assertThat(questions).hasSize(4);
        Row q0 = questions.get(0);
        assertThat(q0.<String>getAs("question_id")).isEqualTo("7a2ed6d3-f492-49b3-b8aa-d080a8aad986");
        assertThat(q0.<Boolean>getAs("user_incomplete")).isTrue();
        assertThat(q0.<Boolean>getAs("user_correct")).isFalse();
        assertThat(q0.<Boolean>getAs("user_submitted")).isTrue();
        assertThat(q0.<String>getAs("user_result")).isEqualTo("missed_some");
        assertThat(q0.<Integer>getAs("option_count")).isEqualTo(3);
        assertThat(q0.<Integer>getAs("options_checked")).isEqualTo(2);
        assertThat(q0.<Integer>getAs("options_correct")).isEqualTo(3);
        assertThat(questions).extracting(r -> r.<String>getAs("user_result"))
                .containsExactly("missed_some", "incorrect", "correct", "correct");

        assertThat(options).hasSize(3 + 3 + 4 + 4);
        Row first = options.get(0);
        assertThat(first.<String>getAs("option_id")).isEqualTo("49c574b4-5c82-4ffd-9bd1-c3358faf850d");
        assertThat(first.<Boolean>getAs("checked")).isTrue();
        assertThat(first.<Boolean>getAs("correct")).isTrue();
        assertThat(first.<Integer>getAs("submitted")).isEqualTo(1);
        assertThat(first.<Instant>getAs("at")).isEqualTo(Instant.parse("2018-01-23T14:23:24.670Z"));
        Row ragged = options.get(2); // {"checked":false,"correct":true,"id":"d1bf..."}
        assertThat(ragged.<String>getAs("option_id")).isEqualTo("d1bf026f-554f-4543-bdd2-54dcf105b826");
        assertThat(ragged.<Object>getAs("at")).isNull();
        assertThat(ragged.<Object>getAs("submitted")).isNull();
        assertThat(ragged.<Boolean>getAs("correct")).isTrue();
        assertThat(first.<String>getAs("question_id")).isEqualTo("7a2ed6d3-f492-49b3-b8aa-d080a8aad986");
    }

    @Test
    void quarantinesWhatCannotBeUsedWithAReason() {
        KafkaRows rows = new KafkaRows()
                .add("pearson", REAL)
                .add(null, REAL)
                .add("../x", REAL)
                .add("pearson", "")
                .add("pearson", "kafkacat says hi")
                .add("pearson", "[1,2,3]")
                .add("pearson", REAL.replace("\"attempt\":1", "\"attempt\":\"one\""))
                .add("pearson", REAL.replace("\"started_at\":\"2018-01-23T14:23:19.082Z\"", "\"started_at\":\"2018-02-30T00:00:00Z\""))
                .add("pearson", new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'});

        Map<Long, String> reasons = Landed.land(rows).table(Table.QUARANTINE).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<Long>getAs("offset"), r -> r.<String>getAs("reason")));

        assertThat(reasons).doesNotContainKey(0L);
        assertThat(reasons.get(1L)).isEqualTo("no tenant header");
        assertThat(reasons.get(2L)).isEqualTo("the tenant header is not a valid tenant id");
        assertThat(reasons.get(3L)).isEqualTo("empty message");
        assertThat(reasons.get(4L)).isEqualTo("malformed JSON or not a JSON object");
        assertThat(reasons.get(5L)).isEqualTo("malformed JSON or not a JSON object");
        assertThat(reasons.get(6L)).isEqualTo("a field has the wrong JSON type for the record schema");
        assertThat(reasons.get(7L)).isEqualTo("/started_at: must be an ISO-8601 instant such as 2018-01-23T14:23:19.082Z");
        assertThat(reasons.get(8L)).isEqualTo("not valid UTF-8");
    }

    @Test
    void judgesEveryMessageAsTheModelsReaderDoesSoTheIngestAndTheLakeNeverDisagree() {
        List<byte[]> values = new java.util.ArrayList<>(GoldenCorpus.odd().values());
        values.removeIf(java.util.Objects::isNull);
        // What Spark's JSON reader used to land although the ingest refuses it.
        values.add(REAL.replace("\"Normal Forms and All That Jazz Master Class\"", "{\"en\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        values.add(REAL.replace("\"keen_id\":", "\"exam_name\":\"twice\",\"keen_id\":").getBytes(StandardCharsets.UTF_8));
        AttemptGenerator.records(55, 300).forEach(r -> values.add(r.getBytes(StandardCharsets.UTF_8)));
        KafkaRows rows = new KafkaRows();
        values.forEach(v -> rows.add("pearson", v));

        List<Row> parsed = messages(rows).orderBy("offset").select(Landing.REASON, Landing.ATTEMPT_KEY).collectAsList();

        for (int i = 0; i < values.size(); i++) {
            AttemptReader.Result model = AttemptReader.read(values.get(i));
            String value = new String(values.get(i), StandardCharsets.UTF_8);
            boolean blank = value.isBlank();
            assertThat(parsed.get(i).isNullAt(0)).as("%s -> %s", value, parsed.get(i).get(0))
                    .isEqualTo(model instanceof AttemptReader.Accepted && !blank);
            if (model instanceof AttemptReader.Accepted accepted) {
                assertThat(parsed.get(i).getString(1)).isEqualTo(AttemptIdentity.of(accepted.attempt()));
            }
        }
        Map<String, String> reasonOf = new java.util.HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            reasonOf.put(new String(values.get(i), StandardCharsets.UTF_8), parsed.get(i).getString(0));
        }
        assertThat(reasonOf.get(REAL.replace("\"Normal Forms and All That Jazz Master Class\"", "{\"en\":\"x\"}")))
                .isEqualTo("a field has the wrong JSON type for the record schema");
        assertThat(reasonOf.get(REAL.replace("\"keen_id\":", "\"exam_name\":\"twice\",\"keen_id\":")))
                .isEqualTo("/exam_name: duplicate key \"exam_name\"");
    }

    @Test
    void landsEpochSecondsWithMoreThanSixFractionDigitsTruncatedToTheMicrosecond() {
        // Commit 33e979f's engine failed the whole run on this (decimal cast: "Rounding necessary").
        String nanos = REAL.replace("\"keen_timestamp\":\"1516717442.735266\"", "\"keen_timestamp\":\"1516717442.123456789\"");

        Row a = Landed.land(new KafkaRows().add("pearson", nanos)).table(Table.ATTEMPTS).first();

        assertThat(a.<Instant>getAs("keen_timestamp")).isEqualTo(Instant.parse("2018-01-23T14:24:02.123456Z"));
    }

    @Test
    void keepsTheFirstOfDuplicatesWithinABatchAndEveryMessageInRaw() {
        String other = REAL.replace("5a6745820eb8ab00016be1f1", "5a6745820eb8ab00016be1f2");
        Landed landed = Landed.land(new KafkaRows().add("pearson", REAL).add("pearson", other)
                .add("pearson", REAL).add("acme", REAL));

        Dataset<Row> attempts = landed.table(Table.ATTEMPTS);

        assertThat(landed.table(Table.RAW).orderBy("offset").select("outcome")
                .collectAsList()).extracting(r -> r.getString(0)).containsExactly("landed", "landed", "duplicate", "landed");
        assertThat(attempts.select("tenant", "attempt_key", "kafka_offset").orderBy("kafka_offset").collectAsList())
                .extracting(Row::toString)
                .containsExactly("[pearson,5a6745820eb8ab00016be1f1,0]", "[pearson,5a6745820eb8ab00016be1f2,1]",
                        "[acme,5a6745820eb8ab00016be1f1,3]");
    }

    @Test
    void skipsAttemptsLandedByEarlierRuns() {
        Dataset<Row> messages = messages(new KafkaRows().add("pearson", REAL).add("acme", REAL));
        Dataset<Row> landed = SparkTestSession.get().sql("select 'pearson' tenant, '5a6745820eb8ab00016be1f1' attempt_key");

        List<Row> winners = Landing.choose(messages, landed).winners();

        assertThat(winners).extracting(r -> r.getInt(0) + "/" + r.getLong(1)).containsExactly("0/1");
    }

    @Test
    void fallsBackToTheUserExamIdWithoutAKeenId() {
        Dataset<Row> messages = messages(new KafkaRows().add("pearson", REAL.replace("\"keen_id\":\"5a6745820eb8ab00016be1f1\",", "")));

        assertThat(messages.select(col("attempt_key")).first().getString(0)).isEqualTo("uex:6d4089e4-bde5-4a22-b65f-18bce9ab79c8");
    }

    @Test
    void countsWhatEachWinnerLands() {
        Dataset<Row> messages = messages(new KafkaRows().add("pearson", REAL).add("pearson", "{}"));

        List<Row> winners = Landing.choose(messages, none()).winners();

        assertThat(winners).hasSize(1);
        assertThat(winners.get(0).getInt(2)).as("questions").isEqualTo(4);
        assertThat(winners.get(0).getInt(3)).as("options").isEqualTo(14);
    }
}
