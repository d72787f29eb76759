package io.attemptlake.etl.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.PauseAt;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.run.RunPhase;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasing learners on a real HDFS and broker: a dry run changes nothing; the erasure removes every
 * row of theirs from every table and every Parquet file in the lake (each file read as it lies on
 * disk, not through the log), leaves every other row as it was, keeps no identifier in its audit,
 * and later runs drop what the topic still holds of them. The lake before the erasure is no longer
 * readable by time travel.
 */
@RealKafka
@RealHdfs
class ErasureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void removesTheLearnersFromEveryTableAndEveryFileAndNothingElse() throws Exception {
        List<String> pearson = AttemptGenerator.records(71, 60).toList();
        List<String> acme = AttemptGenerator.records(72, 30).toList();
        JsonNode first = JSON.readTree(pearson.get(0));
        JsonNode second = JSON.readTree(pearson.get(1));
        String learner = first.get("user_exam_id").asString();
        String attempt = second.get("keen_id").asString();
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", pearson);
            p.topic.publish("pearson", List.of(pearson.get(0), pearson.get(1))); // re-sent: duplicates in raw
            p.topic.publish("acme", acme);
            p.topic.publish("acme", List.of(pearson.get(0))); // the same learner id at another tenant: not erased
            // Refused by the rules (no started_at), but naming the learner: quarantined with it.
            p.topic.publishRaw(("{\"user_exam_id\":\"" + learner + "\",\"started_at\":7}").getBytes(StandardCharsets.UTF_8),
                    Map.of("tenant", "pearson"));
            String firstRun = etl.runToCompletion().get("id").asString();

            Map<Table, Long> before = counts(etl, EtlApp.PEARSON_KEY);
            Map<Table, List<String>> rowsBefore = rows(etl, EtlApp.PEARSON_KEY);
            Map<Table, List<String>> acmeRowsBefore = rows(etl, EtlApp.ACME_KEY);
            List<String> named = new ArrayList<>(List.of(learner, attempt));
            named.addAll(column(etl, "SELECT attempt_key FROM attempts WHERE user_exam_id = '" + learner
                    + "' OR keen_id = '" + attempt + "'"));
            assertThat(before.get(Table.QUARANTINE)).isEqualTo(1);

            Http.Response dry = erase(etl, "{\"tenant\":\"pearson\",\"userExamIds\":[\"" + learner + "\"],"
                    + "\"keenIds\":[\"" + attempt + "\"],\"dryRun\":true}");
            assertThat(dry.status()).isEqualTo(200);
            JsonNode wouldRemove = dry.json().get("rowsRemoved");
            assertThat(wouldRemove.get("attempts").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(wouldRemove.get("raw_assessments").asLong()).isGreaterThanOrEqualTo(5); // 2 landed, 2 re-sent, 1 refused
            assertThat(wouldRemove.get("quarantine").asLong()).isEqualTo(1);
            assertThat(wouldRemove.get("questions").asLong()).isPositive();
            assertThat(counts(etl, EtlApp.PEARSON_KEY)).as("a dry run changes nothing").isEqualTo(before);
            assertThat(parquetRowsNaming(p, learner)).as("a dry run changes no file").isPositive();

            Http.Response done = eraseSlowly(etl, "{\"tenant\":\"pearson\",\"userExamIds\":[\"" + learner + "\"],"
                    + "\"keenIds\":[\"" + attempt + "\"],\"reference\":\"ticket-42\"}");
            assertThat(done.status()).isEqualTo(201);
            assertThat(done.json().get("rowsRemoved")).isEqualTo(wouldRemove);
            Map<Table, Long> after = counts(etl, EtlApp.PEARSON_KEY);
            for (Table t : Table.values()) {
                assertThat(after.get(t)).as(t.name()).isEqualTo(before.get(t) - wouldRemove.get(t.viewName()).asLong());
            }
            assertThat(query(etl, EtlApp.ACME_KEY, "SELECT count(*) FROM attempts WHERE user_exam_id = '" + learner + "'"))
                    .as("the same id at another tenant stays").isEqualTo(1);
            assertThat(parquetRowsNaming(p, learner)).as("rows naming the learner in any file of pearson's tables").isZero();
            assertThat(parquetRowsNaming(p, attempt)).as("rows naming the attempt in any file of pearson's tables").isZero();
            Map<Table, List<String>> rowsAfter = rows(etl, EtlApp.PEARSON_KEY);
            assertThat(rows(etl, EtlApp.ACME_KEY)).as("another tenant's rows, every one").isEqualTo(acmeRowsBefore);
            for (Table t : Table.values()) {
                assertThat(rowsAfter.get(t)).as("every other row of %s, as it was", t)
                        .isEqualTo(rowsBefore.get(t).stream().filter(r -> named.stream().noneMatch(r::contains)).toList());
            }

            Http.Response audit = etl.http().get(done.header("Location"), "X-API-Key", EtlApp.ADMIN_KEY);
            assertThat(audit.status()).isEqualTo(200);
            assertThat(audit.json().get("requestedBy").asString()).hasSize(12);
            assertThat(audit.json().get("reference").asString()).isEqualTo("ticket-42");
            assertThat(audit.json().get("userExamIds").asInt()).isEqualTo(1);
            assertThat(audit.body()).doesNotContain(learner).doesNotContain(attempt);

            // Still in the topic, sent again later: dropped by every later run, and counted.
            p.topic.publish("pearson", List.of(pearson.get(0), pearson.get(1), pearson.get(2)));
            p.topic.publishRaw(("{\"user_exam_id\":\"" + learner + "\"").getBytes(StandardCharsets.UTF_8),
                    Map.of("tenant", "pearson")); // cut short, yet it names the learner
            JsonNode later = etl.runToCompletion();
            assertThat(later.get("counts").get("erased").asLong()).isEqualTo(3);
            assertThat(later.get("counts").get("messagesRead").asLong()).isEqualTo(4);
            assertThat(parquetRowsNaming(p, learner)).isZero();

            Http.Response past = postJson(etl, "/api/v1/queries",
                    "{\"sql\":\"SELECT count(*) FROM attempts\",\"asOfRun\":\"" + firstRun + "\"}",
                    "X-API-Key", EtlApp.PEARSON_KEY);
            assertThat(past.status()).as("the lake before the erasure: %s", past.body()).isEqualTo(410);
            assertThat(past.body()).contains("/problems/run-vacuumed");
        }
    }

    @Test
    void anErasureAskedForDuringARunWaitsForItAndErasesWhatItLanded() throws Exception {
        List<String> records = AttemptGenerator.records(73, 30).toList();
        String learner = JSON.readTree(records.get(5)).get("user_exam_id").asString();
        PauseAt pause = new PauseAt(RunPhase.STAGED);
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start(pause)) {
            p.topic.publish("pearson", records);
            String run = etl.trigger().json().get("id").asString();
            pause.awaitReached();
            CompletableFuture<Http.Response> erasing = CompletableFuture.supplyAsync(() -> eraseSlowly(etl,
                    "{\"tenant\":\"pearson\",\"userExamIds\":[\"" + learner + "\"]}"));
            Thread.sleep(1000);
            assertThat(erasing).as("the erasure waits while the run has the lake").isNotDone();
            pause.release();
            assertThat(etl.awaitFinished(run).get("counts").get("erased").asLong()).as("staged before the erasure").isZero();
            Http.Response done = erasing.get(3, TimeUnit.MINUTES);
            assertThat(done.status()).as(done.body()).isEqualTo(201);
            assertThat(done.json().get("rowsRemoved").get("attempts").asLong()).as("what the run landed").isPositive();
            assertThat(query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM attempts WHERE user_exam_id = '" + learner + "'"))
                    .isZero();
            assertThat(parquetRowsNaming(p, learner)).isZero();
        }
    }

    @Test
    void refusesWhatItCannotDoInProblemJson() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            assertThat(erase(etl, "{\"tenant\":\"pearson\"}").status()).isEqualTo(400);
            assertThat(erase(etl, "{\"tenant\":\"../x\",\"userExamIds\":[\"1\"]}").body()).contains("/problems/invalid-erasure");
            assertThat(erase(etl, "{\"tenant\":\"pearson\",\"userExamIds\":[\" \"]}").status()).isEqualTo(400);
            assertThat(postJson(etl, "/api/v1/erasures", "{\"tenant\":\"pearson\",\"userExamIds\":[\"1\"]}",
                    "X-API-Key", EtlApp.PEARSON_KEY).status()).as("a tenant's key").isEqualTo(403);
            assertThat(etl.http().get("/api/v1/erasures/00000000-0000-0000-0000-000000000000", "X-API-Key",
                    EtlApp.ADMIN_KEY).status()).isEqualTo(404);
        }
    }

    private static Http.Response erase(EtlApp etl, String body) {
        return postJson(etl, "/api/v1/erasures", body, "X-API-Key", EtlApp.ADMIN_KEY);
    }

    // An erasure rewrites and vacuums files of five tables: minutes on a loaded machine, not seconds.
    private static Http.Response eraseSlowly(EtlApp etl, String body) {
        return etl.http().patient(java.time.Duration.ofMinutes(5)).post("/api/v1/erasures", body,
                "Content-Type", "application/json", "X-API-Key", EtlApp.ADMIN_KEY);
    }

    private static Http.Response postJson(EtlApp etl, String path, String body, String keyHeader, String key) {
        return etl.http().post(path, body, "Content-Type", "application/json", keyHeader, key);
    }

    private static Map<Table, Long> counts(EtlApp etl, String key) {
        Map<Table, Long> counts = new java.util.EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            counts.put(t, query(etl, key, "SELECT count(*) FROM " + t.viewName()));
        }
        return counts;
    }

    /** Every row of every table the key reads, as sorted text. */
    private static Map<Table, List<String>> rows(EtlApp etl, String key) {
        Map<Table, List<String>> rows = new java.util.EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            Http.Response r = postJson(etl, "/api/v1/queries", "{\"sql\":\"SELECT * FROM " + t.viewName() + "\"}",
                    "X-API-Key", key);
            assertThat(r.json().get("truncated").asBoolean()).isFalse();
            List<String> all = new ArrayList<>();
            r.json().get("rows").forEach(row -> all.add(row.toString()));
            all.sort(null);
            rows.put(t, all);
        }
        return rows;
    }

    private static List<String> column(EtlApp etl, String sql) {
        Http.Response r = postJson(etl, "/api/v1/queries", "{\"sql\":\"" + sql + "\"}", "X-API-Key", EtlApp.ADMIN_KEY);
        List<String> values = new ArrayList<>();
        r.json().get("rows").forEach(row -> values.add(row.get(0).asString()));
        return values;
    }

    private static long query(EtlApp etl, String key, String sql) {
        Http.Response r = postJson(etl, "/api/v1/queries", "{\"sql\":\"" + sql.replace("\"", "\\\"") + "\"}",
                "X-API-Key", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("rows").get(0).get(0).asLong();
    }

    /** Rows of every Parquet file of pearson's tables, each read as it lies, whose columns mention {@code id} anywhere. */
    private static long parquetRowsNaming(Pipeline p, String id) throws IOException {
        SparkSession spark = SparkTestSession.get();
        FileSystem fs = FileSystem.get(URI.create(p.lakeBase), spark.sparkContext().hadoopConfiguration());
        List<String> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(p.lakeBase), true);
        while (it.hasNext()) {
            Path f = it.next().getPath();
            if (f.getName().endsWith(".parquet") && f.toString().contains("/tenant=pearson/")
                    && !f.toString().contains("/_delta_log/")) {
                files.add(f.toString());
            }
        }
        long naming = 0;
        for (String file : files) {
            for (Row row : spark.read().parquet(file).collectAsList()) {
                if (row.toString().contains(id)) {
                    naming++;
                }
            }
        }
        return naming;
    }
}
