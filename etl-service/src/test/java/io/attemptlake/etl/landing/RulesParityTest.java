package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.Samples;
import io.attemptlake.model.json.AttemptReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The ingest (Java) and the ETL (Spark SQL) accept exactly the same records and give them the
 * same identity: both derive from common-model's annotations, and this corpus of odd records shows
 * they agree.
 */
class RulesParityTest {

    private static final String REAL = Samples.realRecord();

    /** Records Spark's JSON reader accepts though the ingest refuses them: known and documented. */
    private static final Map<String, String> KNOWN_DIVERGENCES = Map.of(
            "object where a string belongs", REAL.replace("\"Normal Forms and All That Jazz Master Class\"", "{\"en\":\"x\"}"),
            "duplicate key", REAL.replace("\"keen_id\":", "\"exam_name\":\"twice\",\"keen_id\":"));

    private static Map<String, String> corpus() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("real", REAL);
        c.put("required only", "{\"exam_name\":\"e\",\"base_exam_id\":\"b\",\"user_exam_id\":\"u\",\"started_at\":\"2018-01-23T14:23:19Z\"}");
        c.put("no keen_id", REAL.replace("\"keen_id\":\"5a6745820eb8ab00016be1f1\",", ""));
        c.put("blank exam", REAL.replace("Normal Forms and All That Jazz Master Class", " \t "));
        c.put("missing started_at", REAL.replace("\"started_at\":\"2018-01-23T14:23:19.082Z\",", ""));
        c.put("no date", REAL.replace("2018-01-23T14:23:19.082Z", "2018-02-30T14:23:19Z"));
        c.put("date only", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23"));
        c.put("offset date", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19.082+05:30"));
        c.put("leap second", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T23:59:60Z"));
        c.put("trailing newline", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19.082Z\\n"));
        c.put("bad epoch", REAL.replace("\"keen_timestamp\":\"1516717442.735266\"", "\"keen_timestamp\":\"1e9\""));
        c.put("numeric max_attempts", REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":1.0"));
        c.put("word max_attempts", REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":\"one\""));
        c.put("boolean certification", REAL.replace("\"certification\":\"false\"", "\"certification\":false"));
        c.put("yes certification", REAL.replace("\"certification\":\"false\"", "\"certification\":\"yes\""));
        c.put("string attempt", REAL.replace("\"attempt\":1", "\"attempt\":\"1\""));
        c.put("float attempt", REAL.replace("\"attempt\":1", "\"attempt\":1.5"));
        c.put("negative count", REAL.replace("\"unanswered\":0", "\"unanswered\":-99"));
        c.put("int boolean", REAL.replace("\"all_correct\":false", "\"all_correct\":0"));
        c.put("null question", REAL.replace("\"questions\":[", "\"questions\":[null,"));
        c.put("null option", REAL.replace("\"options\":[", "\"options\":[null,"));
        c.put("bad option time", REAL.replace("2018-01-23T14:23:30.116Z", "soon"));
        c.put("sequences a string", "{\"exam_name\":\"e\",\"base_exam_id\":\"b\",\"user_exam_id\":\"u\",\"started_at\":\"2018-01-23T14:23:19Z\",\"sequences\":\"x\"}");
        c.put("questions an object", REAL.replace("\"questions\":[", "\"questions\":{\"q\":[").replace("],\"attempt\"", "]},\"attempt\""));
        c.put("space in keen_id", REAL.replace("5a6745820eb8ab00016be1f1", "5a67 4582"));
        c.put("long exam name", REAL.replace("Normal Forms and All That Jazz Master Class", "x".repeat(513)));
        c.put("exam name at limit", REAL.replace("Normal Forms and All That Jazz Master Class", "x".repeat(512)));
        c.put("emoji exam name over limit", REAL.replace("Normal Forms and All That Jazz Master Class", "😀".repeat(257)));
        c.put("emoji exam name at limit", REAL.replace("Normal Forms and All That Jazz Master Class", "😀".repeat(256)));
        c.put("unknown fields", REAL.replace("\"keen_id\":", "\"extra\":{\"a\":[1]},\"keen_id\":"));
        c.put("null exam", REAL.replace("\"Normal Forms and All That Jazz Master Class\"", "null"));
        c.put("array", "[" + REAL + "]");
        c.put("single quotes", "{'exam_name':'e'}");
        c.put("NaN", REAL.replace("\"attempt\":1", "\"attempt\":NaN"));
        c.put("leading zero", REAL.replace("\"attempt\":1", "\"attempt\":01"));
        List<String> generated = AttemptGenerator.records(55, 200).toList();
        for (int i = 0; i < generated.size(); i++) {
            c.put("generated " + i, generated.get(i));
        }
        return c;
    }

    @Test
    void javaAndSparkAcceptAndIdentifyTheSameRecords() {
        Map<String, String> corpus = corpus();
        KafkaRows rows = new KafkaRows();
        List<String> names = new ArrayList<>(corpus.keySet());
        names.forEach(n -> rows.add("pearson", corpus.get(n)));

        List<Row> spark = Landing.parse(rows.toDataset(), "r").orderBy("offset")
                .select(col(Landing.REASON), col(Landing.ATTEMPT_KEY)).collectAsList();

        for (int i = 0; i < names.size(); i++) {
            AttemptReader.Result java = AttemptReader.read(corpus.get(names.get(i)).getBytes(StandardCharsets.UTF_8));
            String reason = spark.get(i).getString(0);
            assertThat(reason == null).as("%s: java %s, spark %s", names.get(i), java, reason)
                    .isEqualTo(java instanceof AttemptReader.Accepted);
            if (java instanceof AttemptReader.Accepted accepted) {
                assertThat(spark.get(i).getString(1)).as(names.get(i)).isEqualTo(AttemptIdentity.of(accepted.attempt()));
            }
        }
    }

    @Test
    void theSameViolationsAreReportedInTheSameOrder() {
        String bad = REAL.replace("2018-01-23T14:23:19.082Z", "later").replace("\"unanswered\":0", "\"unanswered\":-1")
                .replace("2018-01-23T14:23:30.116Z", "soon");
        AttemptReader.Rejected java = (AttemptReader.Rejected) AttemptReader.read(bad.getBytes(StandardCharsets.UTF_8));

        String spark = Landing.parse(new KafkaRows().add("pearson", bad).toDataset(), "r").first().getAs(Landing.REASON);

        assertThat(java.violations()).hasSize(3);
        assertThat(spark.split("; ")).extracting(r -> r.substring(0, r.indexOf(':')))
                .containsExactly("/sequences/counts/unanswered", "/sequences/questions/*/options/*/at", "/started_at");
        assertThat(java.violations()).extracting(v -> v.pointer())
                .containsExactly("/sequences/counts/unanswered", "/sequences/questions/1/options/0/at", "/started_at");
    }

    @Test
    void knownDivergencesAreTheOnlyOnes() {
        KafkaRows rows = new KafkaRows();
        KNOWN_DIVERGENCES.values().forEach(v -> rows.add("pearson", v));

        List<Row> spark = Landing.parse(rows.toDataset(), "r").select(Landing.REASON).collectAsList();

        for (String record : KNOWN_DIVERGENCES.values()) {
            assertThat(AttemptReader.read(record.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AttemptReader.Rejected.class);
        }
        assertThat(spark).allSatisfy(r -> assertThat(r.getString(0)).isNull());
    }
}
