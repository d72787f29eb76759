package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Expected;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.TestTenant;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@RealKafka
@RealHdfs
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Pipeline pipeline;
    private EtlApp etl;
    private Expected pearson;
    private Expected acme;

    @BeforeAll
    void landTwoTenants() {
        List<String> pearsonRecords = AttemptGenerator.records(205, 3280).toList();
        List<String> acmeRecords = AttemptGenerator.records(7, 400).toList();
        pipeline = new Pipeline();
        pipeline.topic.publish("pearson", pearsonRecords);
        pipeline.topic.publish("acme", acmeRecords);
        pipeline.topic.publishRaw("{\"exam_name\":\"half a record\"}".getBytes(), Map.of("tenant", "pearson"));
        pearson = new Expected(pearsonRecords);
        acme = new Expected(acmeRecords);
        etl = pipeline.start("--etl.query.max-rows=1000", "--etl.query.timeout=8s",
                "--etl.query.requests-per-second=1000", "--etl.query.request-burst=1000");
        assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @AfterAll
    void stop() {
        etl.close();
        pipeline.close();
    }

    private Http.Response query(String key, String sql, String... headers) {
        ObjectNode body = JSON.createObjectNode().put("sql", sql);
        String[] all = new String[4 + headers.length];
        all[0] = "X-API-Key";
        all[1] = key;
        all[2] = "Content-Type";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return etl.http().post("/api/v1/queries", body.toString(), all);
    }

    private JsonNode rows(String key, String sql) {
        Http.Response response = query(key, sql);
        assertThat(response.status()).as("%s → %s", sql, response.body()).isEqualTo(200);
        return response.json().get("rows");
    }

    private Map<String, Long> asMap(JsonNode rows) {
        Map<String, Long> map = new HashMap<>();
        rows.forEach(r -> map.put(r.get(0).asString(), r.get(1).asLong()));
        return map;
    }

    @Test
    void answersEqualAnIndependentComputationOverTheGeneratedInput() {
        assertThat(rows(EtlApp.PEARSON_KEY, "SELECT count(*) FROM raw_assessments WHERE outcome <> 'quarantined'")
                .get(0).get(0).asLong()).isEqualTo(pearson.received);
        assertThat(rows(EtlApp.PEARSON_KEY, "SELECT count(*) FROM attempts").get(0).get(0).asLong())
                .isEqualTo(pearson.distinct.size());
        assertThat(asMap(rows(EtlApp.PEARSON_KEY, "SELECT exam_name, count(*) FROM attempts GROUP BY exam_name")))
                .isEqualTo(pearson.distinctPerCourse);
        assertThat(rows(EtlApp.PEARSON_KEY, "SELECT min(started_at), max(started_at) FROM attempts").get(0))
                .extracting(JsonNode::asString)
                .containsExactly(pearson.firstStart().toString(), pearson.lastStart().toString());
        assertThat(rows(EtlApp.ACME_KEY, "SELECT count(*) FROM questions q JOIN attempts a USING (tenant, attempt_key)")
                .get(0).get(0).asLong())
                .isEqualTo(acme.distinct.values().stream().mapToLong(a -> a.sequences().questions().size()).sum());
    }

    @Test
    void aTenantSeesOnlyItsOwnRowsWhateverTheSqlSays() {
        assertThat(rows(EtlApp.ACME_KEY, "SELECT DISTINCT tenant FROM raw_assessments")).hasSize(1)
                .allSatisfy(r -> assertThat(r.get(0).asString()).isEqualTo("acme"));
        assertThat(rows(EtlApp.ACME_KEY, "SELECT * FROM attempts WHERE tenant = 'pearson'")).isEmpty();
        assertThat(rows(EtlApp.ACME_KEY, "SELECT count(*) FROM attempts a JOIN raw_assessments r "
                + "ON a.attempt_key = r.attempt_key").get(0).get(0).asLong()).isEqualTo(acme.received);
        assertThat(rows(EtlApp.ACME_KEY, "SELECT count(*) FROM options WHERE attempt_key IN "
                + "(SELECT attempt_key FROM attempts WHERE tenant <> 'acme')").get(0).get(0).asLong()).isZero();
        assertThat(rows(EtlApp.ACME_KEY, "WITH everyone AS (SELECT tenant FROM raw_assessments UNION ALL "
                + "SELECT tenant FROM quarantine) SELECT count(DISTINCT tenant) FROM everyone").get(0).get(0).asLong())
                .isEqualTo(1);
        assertThat(rows(EtlApp.ADMIN_KEY, "SELECT count(DISTINCT tenant) FROM attempts").get(0).get(0).asLong()).isEqualTo(2);
        assertThat(rows(EtlApp.ADMIN_KEY, "SELECT count(*) FROM attempts").get(0).get(0).asLong())
                .isEqualTo(pearson.distinct.size() + acme.distinct.size());
    }

    @Test
    void aKeyMayOnlyDoWhatItsScopesSay() {
        Http.Response publisher = query(TestTenant.PEARSON.ingestOnlyKey(), "SELECT count(*) FROM attempts");
        assertThat(publisher.status()).isEqualTo(403);
        assertThat(publisher.contentType()).startsWith("application/problem+json");
        assertThat(publisher.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(publisher.json().get("detail").asString()).contains("read scope");
        assertThat(etl.http().get("/api/v1/reports/summary", "X-API-Key", TestTenant.PEARSON.ingestOnlyKey()).status())
                .isEqualTo(403);

        assertThat(rows(TestTenant.PEARSON.readOnlyKey(), "SELECT count(*) FROM attempts").get(0).get(0).asLong())
                .as("a data scientist's key reads its tenant's rows, as the tenant's full key does")
                .isEqualTo(rows(EtlApp.PEARSON_KEY, "SELECT count(*) FROM attempts").get(0).get(0).asLong());
        assertThat(etl.http().post("/api/v1/etl/runs", "", "X-API-Key", TestTenant.PEARSON.readOnlyKey()).status())
                .as("runs are the admin's").isEqualTo(403);
        assertThat(query(TestTenant.PEARSON.readOnlyKey() + "x", "SELECT 1").status()).isEqualTo(401);
    }

    @Test
    void refusesEverythingThatIsNotAQueryOverTheViews() {
        List<String> forbidden = List.of(
                "DROP VIEW attempts",
                "CREATE TABLE t AS SELECT * FROM attempts",
                "INSERT INTO attempts SELECT * FROM attempts",
                "SET spark.sql.runSQLOnFiles=true",
                "RESET",
                "ADD JAR /tmp/evil.jar",
                "CACHE TABLE attempts",
                "EXPLAIN SELECT * FROM attempts",
                "DESCRIBE attempts",
                "SHOW TABLES",
                "USE default",
                "CREATE TEMPORARY FUNCTION f AS 'x.Y'",
                "SELECT * FROM parquet.`/lake/flattened/attempts`",
                "SELECT * FROM read_files('/lake/raw/assessments')",
                "SELECT * FROM range(10)",
                "SELECT reflect('java.lang.System', 'getenv', 'HOME')",
                "SELECT java_method('java.lang.System', 'getProperty', 'user.dir')",
                "SELECT input_file_name() FROM attempts",
                "SELECT * FROM global_temp.attempts",
                "SELECT * FROM spark_catalog.default.attempts",
                "SELECT * FROM IDENTIFIER('global_temp.attempts')",
                "SELECT count(*) FROM attempts CROSS JOIN options",
                "SELECT * FROM secret_table",
                "SELECT (SELECT count(*) FROM parquet.`/lake`) FROM attempts",
                "SELECT 1; DROP VIEW attempts");
        for (String sql : forbidden) {
            Http.Response response = query(EtlApp.ACME_KEY, sql);
            assertThat(response.status()).as(sql).isEqualTo(400);
            assertThat(response.contentType()).as(sql).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).as(sql).isIn("/problems/forbidden-statement", "/problems/invalid-sql");
        }
        Http.Response implicitCartesian = query(EtlApp.ACME_KEY, "SELECT count(*) FROM attempts, options");
        assertThat(implicitCartesian.status()).isEqualTo(400);
        assertThat(implicitCartesian.json().get("detail").asString()).containsIgnoringCase("cartesian");
        assertThat(rows(EtlApp.ACME_KEY, "SELECT count(*) FROM attempts").get(0).get(0).asLong()).isEqualTo(acme.distinct.size());
    }

    @Test
    void allowsTheUsualShapesOfAQuery() {
        for (String sql : List.of(
                "WITH c AS (SELECT exam_name, count(*) n FROM attempts GROUP BY exam_name) SELECT * FROM c ORDER BY n DESC LIMIT 3",
                "SELECT exam_name, avg(score) FROM attempts GROUP BY exam_name HAVING count(*) > 1",
                "SELECT a.exam_name, q.user_result, count(*) FROM attempts a JOIN questions q USING (tenant, attempt_key) "
                        + "GROUP BY 1, 2",
                "SELECT exam_name, rank() OVER (ORDER BY started_at) FROM attempts LIMIT 5",
                "SELECT explode(array(1, 2))",
                "SELECT * FROM (VALUES (1, 'a')) AS t(n, s)",
                "SELECT /*+ BROADCAST(q) */ count(*) FROM attempts a JOIN questions q ON a.attempt_key = q.attempt_key",
                "SELECT outcome, count(*) FROM raw_assessments GROUP BY outcome",
                "SELECT exam_name FROM attempts EXCEPT SELECT exam_name FROM attempts WHERE score > 0.5")) {
            assertThat(query(EtlApp.PEARSON_KEY, sql).status()).as(sql).isEqualTo(200);
        }
    }

    @Test
    void cutsResultsAtTheRowLimitAndSaysSo() {
        JsonNode body = query(EtlApp.PEARSON_KEY, "SELECT option_id FROM options").json();

        assertThat(body.get("rows")).hasSize(1000);
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("columns").get(0).get("name").asString()).isEqualTo("option_id");
        assertThat(body.get("columns").get(0).get("type").asString()).isEqualTo("STRING");
        assertThat(query(EtlApp.PEARSON_KEY, "SELECT 1 AS one").json().get("truncated").asBoolean()).isFalse();
    }

    @Test
    void cancelsQueriesThatRunPastTheTimeLimit() {
        // Hundreds of millions of rows, each cheap: Spark checks for cancellation as input advances.
        Http.Response response = query(EtlApp.PEARSON_KEY,
                "SELECT sum(x) FROM options LATERAL VIEW explode(sequence(1, 100000)) t AS x");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/query-timeout");
        assertThat(query(EtlApp.PEARSON_KEY, "SELECT 1").status()).as("still serving").isEqualTo(200);
    }

    @Test
    void answersInCsvWhenAsked() {
        Http.Response csv = query(EtlApp.PEARSON_KEY,
                "SELECT exam_name, count(*) AS n FROM attempts GROUP BY exam_name ORDER BY n DESC LIMIT 2",
                "Accept", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("exam_name,n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(pearson.mostCommon().get(0) + ",");
    }

    @Test
    void explainsBadQueries() {
        assertThat(query(EtlApp.PEARSON_KEY, "SELEC nothing").json().get("type").asString()).isEqualTo("/problems/invalid-sql");
        Http.Response unknown = query(EtlApp.PEARSON_KEY, "SELECT no_such_column FROM attempts");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("type").asString()).isEqualTo("/problems/query-failed");
        assertThat(unknown.json().get("detail").asString()).contains("no_such_column");
        assertThat(etl.http().post("/api/v1/queries", "{}", "X-API-Key", EtlApp.PEARSON_KEY,
                "Content-Type", "application/json").status()).isEqualTo(400);
        assertThat(etl.http().post("/api/v1/queries", "{\"sql\":\"SELECT 1\"}", "Content-Type", "application/json")
                .status()).isEqualTo(401);
    }

    @Test
    void theReadmesQuestionsRunAsWritten() throws Exception {
        List<String> sql = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "README.md")).stream()
                .dropWhile(line -> !line.startsWith("## The questions a data scientist asks first"))
                .filter(line -> line.startsWith("| ") && line.contains("| `SELECT"))
                .map(line -> line.substring(line.indexOf("`") + 1, line.lastIndexOf("`")))
                .toList();

        assertThat(sql).hasSizeGreaterThanOrEqualTo(5);
        for (String query : sql) {
            Http.Response response = query(EtlApp.PEARSON_KEY, query);
            assertThat(response.status()).as("%s → %s", query, response.body()).isEqualTo(200);
            assertThat(response.json().get("rows")).as(query).isNotEmpty();
        }
    }

    @Test
    void listsTheViewsAndTheirColumns() {
        JsonNode tables = etl.http().get("/api/v1/tables", "X-API-Key", EtlApp.PEARSON_KEY).json();

        assertThat(tables).extracting(t -> t.get("name").asString())
                .containsExactly("attempts", "options", "quarantine", "questions", "raw_assessments");
        assertThat(tables.get(0).get("columns")).extracting(c -> c.get("name").asString())
                .contains("attempt_key", "started_at", "score", "tenant", "ingest_date");
    }
}
