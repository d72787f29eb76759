package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RawHttp;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated bad and odd input to the ETL's APIs (queries, reports, tables, runs): each is answered
 * 2xx or 4xx problem+json, never a 5xx, and no answer to one tenant carries another's rows,
 * whatever the SQL tries. Reproduce a failure with {@code -Dfuzz.seed=S}.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
@RealKafka
@RealHdfs
class ApiInputFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int CASES = Integer.getInteger("fuzz.etl-cases", 2_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String[] QUERIES = {
            "SELECT exam_name, count(*) AS n FROM attempts GROUP BY exam_name ORDER BY n DESC LIMIT 5",
            "SELECT * FROM attempts LIMIT 3", "SELECT user_exam_id, score FROM attempts WHERE score > 0.5",
            "SELECT count(*) FROM raw_assessments", "SELECT value FROM raw_assessments LIMIT 2",
            "SELECT * FROM quarantine", "SELECT question_id, user_correct FROM questions LIMIT 10",
            "SELECT option_id, checked FROM options WHERE checked LIMIT 5", "SELECT tenant, count(*) FROM attempts GROUP BY tenant",
            "SELECT min(started_at), max(started_at) FROM attempts"};
    private static final String[] FRAGMENTS = {"'", "\"", "`", ";", "--", "/*", "*/", " OR 1=1", " UNION SELECT * FROM attempts",
            " WHERE tenant = 'acme'", " WHERE tenant <> 'pearson'", "; DROP TABLE attempts", "; SET spark.sql.runSQLOnFiles=true",
            " FROM parquet.`/`", " FROM parquet.`hdfs:///`", " FROM global_temp.attempts", " FROM default.attempts",
            " FROM spark_catalog.default.attempts", "reflect('java.lang.System','exit',0)", "java_method('java.lang.Runtime','getRuntime')",
            " LATERAL VIEW explode(array(1,2)) t AS x", " TABLESAMPLE (50 PERCENT)", " DISTRIBUTE BY rand()", " ORDER BY rand()",
            " LIMIT -1", " LIMIT 99999999999999999999", " HAVING", "(", ")", " SELECT", " FROM", " INSERT INTO attempts VALUES (1)",
            " CACHE TABLE attempts", " REFRESH TABLE attempts", " EXPLAIN EXTENDED", " DESCRIBE attempts", "\u0000", "\uFFFF", "é中",
            " CROSS JOIN options", " , options", " input_file_name()", " current_user()", " /*+ BROADCAST(attempts) */",
            " WHERE exam_name RLIKE '(a+)+$'", " WHERE 1/0 = 1", " AND CAST('x' AS INT) = 1", " WHERE assert_true(false)",
            " WHERE raise_error('boom') IS NULL", "${spark.app.name}", " VALUES (1)", " WITH x AS (SELECT 1) SELECT * FROM x"};

    private record Sent(String kind, RawHttp.Request request, String key) {
    }

    @Test
    void everyInputGetsA2xxOrA4xxProblemAndNoTenantSeesAnotherTenantsRows() throws Exception {
        List<String> pearsonRecords = AttemptGenerator.records(31, 300).toList();
        List<String> acmeRecords = AttemptGenerator.records(32, 100).toList();
        Set<String> acmeUsers = userExamIds(acmeRecords);
        Set<String> pearsonUsers = userExamIds(pearsonRecords);
        try (Pipeline p = new Pipeline()) {
            p.topic.publish("pearson", pearsonRecords);
            p.topic.publish("acme", acmeRecords);
            try (EtlApp etl = p.start("--etl.query.max-rows=100", "--etl.query.timeout=8s",
                    "--etl.query.requests-per-second=100000", "--etl.query.request-burst=100000")) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                int port = URI.create(etl.http().base()).getPort();

                Map<String, int[]> byKind = new TreeMap<>();
                Map<Integer, Integer> byStatus = new TreeMap<>();
                List<String> violations = new ArrayList<>();
                for (int i = 0; i < CASES; i++) {
                    Sent sent = next(new Random(SEED * 1_000_003L + i));
                    RawHttp.Response response = RawHttp.send(port, sent.request());
                    int status = response.status();
                    int[] counts = byKind.computeIfAbsent(sent.kind(), k -> new int[3]);
                    counts[0]++;
                    byStatus.merge(status, 1, Integer::sum);
                    String body = response.bodyText();
                    if (status >= 200 && status < 300) {
                        counts[1]++;
                        Set<String> foreign = EtlApp.ACME_KEY.equals(sent.key()) ? pearsonUsers : acmeUsers;
                        if (!EtlApp.ADMIN_KEY.equals(sent.key()) && foreign.stream().anyMatch(body::contains)) {
                            violations.add("#" + i + " " + sent.kind() + " leaked another tenant's rows: " + describe(sent));
                        }
                    } else if (status >= 400 && status < 500 && isProblem(response)) {
                        counts[2]++;
                    } else {
                        violations.add("#" + i + " " + sent.kind() + " → " + status + " " + response.header("Content-Type") + " "
                                + body.substring(0, Math.min(300, body.length())) + " for " + describe(sent));
                    }
                }
                byKind.forEach((kind, c) -> System.out.printf("fuzz-etl %-14s tried %5d  2xx %4d  4xx %5d%n", kind, c[0], c[1], c[2]));
                System.out.println("fuzz-etl statuses " + byStatus + ", seed " + SEED);

                assertThat(violations).as("seed %d", SEED).isEmpty();
                assertThat(byKind).hasSize(6);
                assertThat(etl.http().get("/actuator/health").status()).as("still healthy").isEqualTo(200);
            }
        }
    }

    private static Sent next(Random r) {
        String key = new String[] {EtlApp.PEARSON_KEY, EtlApp.PEARSON_KEY, EtlApp.ACME_KEY, EtlApp.ADMIN_KEY}[r.nextInt(4)];
        int pick = r.nextInt(100);
        if (pick < 45) {
            return new Sent("sql", query(key, mutatedSql(r), "application/json"), key);
        } else if (pick < 65) {
            return new Sent("envelope", envelope(r, key), key);
        } else if (pick < 75) {
            return new Sent("headers", headers(r), key);
        } else if (pick < 85) {
            String[] paths = {"/api/v1/reports/courses", "/api/v1/reports/summary", "/api/v1/tables", "/api/v1/reports/courses?limit=-1",
                    "/api/v1/reports/courses?tenant=acme", "/api/v1/reports/%2e%2e/%2e%2e/etc/passwd", "/api/v1/reports/x%00",
                    "/api/v1/reports/" + "a".repeat(3000), "/api/v1/tables?x=" + "%FF%FE", "/api/v1/reports/summary/../courses"};
            return new Sent("reports", new RawHttp.Request("GET", paths[r.nextInt(paths.length)],
                    List.<String[]>of(new String[] {"X-API-Key", key}), new byte[0], 0), key);
        } else if (pick < 95) {
            String[] ids = {"x", "..", "..%2F..%2F_runs", "%00", "' OR 1=1", "2026-01-01T00-00-00Z-" + "f".repeat(500), "%E2%80%AE",
                    "20261124T000000Z-00000000", "-1", "%"};
            String method = r.nextInt(5) == 0 ? "DELETE" : "GET";
            return new Sent("runs", new RawHttp.Request(method, "/api/v1/etl/runs/" + ids[r.nextInt(ids.length)],
                    List.<String[]>of(new String[] {"X-API-Key", key}), new byte[0], 0), key);
        }
        // A trigger with a tenant key, no key or junk: never a run, always an answer.
        String triggerKey = new String[] {EtlApp.PEARSON_KEY, "", "nope", EtlApp.ACME_KEY + " "}[r.nextInt(4)];
        byte[] junk = utf8(new String[] {"", "{}", "{\"force\":true}", "[", "\u0000"}[r.nextInt(5)]);
        return new Sent("trigger", new RawHttp.Request("POST", "/api/v1/etl/runs",
                List.<String[]>of(new String[] {"X-API-Key", triggerKey}, new String[] {"Content-Type", "application/json"}), junk, junk.length), triggerKey);
    }

    private static String mutatedSql(Random r) {
        StringBuilder sql = new StringBuilder(QUERIES[r.nextInt(QUERIES.length)]);
        for (int edits = r.nextInt(4); edits > 0; edits--) {
            int at = r.nextInt(sql.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> sql.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 1 -> sql.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                default -> {
                    if (sql.length() > 1) {
                        sql.delete(at == sql.length() ? at - 1 : at, Math.min(sql.length(), at + 1 + r.nextInt(8)));
                    }
                }
            }
        }
        return sql.toString();
    }

    private static RawHttp.Request envelope(Random r, String key) {
        String sql = QUERIES[r.nextInt(QUERIES.length)];
        String[] bodies = {"", "{", "{}", "[]", "null", "{\"sql\":null}", "{\"sql\":5}", "{\"sql\":[\"SELECT 1\"]}", "{\"sql\":{}}",
                "{\"sql\":\"\"}", "{\"sql\":\"   \"}", "{\"sql\":\"" + "x".repeat(1 << 20) + "\"}",
                "{\"sql\":\"" + sql + "\",\"sql\":\"SELECT 2\"}", "{\"sql\":\"" + sql + "\",\"tenant\":\"acme\"}",
                "{\"sql\":\"" + sql + "\"" + ",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "{\"sql\":\"" + sql.replace("'", "\\'") + "\\u0000\"}", "{\"sql\":\"" + sql + "\"}garbage"};
        byte[] body = utf8(bodies[r.nextInt(bodies.length)]);
        if (r.nextInt(6) == 0) {
            body = insert(body, new byte[] {(byte) 0xC3, (byte) 0x28}, r.nextInt(body.length + 1));
        }
        return query(key, body, "application/json");
    }

    private static RawHttp.Request headers(Random r) {
        byte[] body = utf8("{\"sql\":\"SELECT count(*) FROM attempts\"}");
        List<String[]> headers = new ArrayList<>();
        switch (r.nextInt(7)) {
            case 0 -> headers.add(new String[] {"Content-Type", "application/json"}); // no key
            case 1 -> headers.addAll(List.of(new String[] {"X-API-Key", "wrong"}, new String[] {"Content-Type", "application/json"}));
            case 2 -> headers.addAll(List.of(new String[] {"X-API-Key", EtlApp.PEARSON_KEY}, new String[] {"Content-Type", "text/plain"}));
            case 3 -> headers.add(new String[] {"X-API-Key", EtlApp.PEARSON_KEY}); // no content type
            case 4 -> headers.addAll(List.of(new String[] {"X-API-Key", EtlApp.PEARSON_KEY}, new String[] {"Content-Type", "application/json"},
                    new String[] {"Accept", new String[] {"application/xml", "image/png", "text/csv;q=0", "text/csv"}[r.nextInt(4)]}));
            case 5 -> headers.addAll(List.of(new String[] {"X-API-Key", EtlApp.PEARSON_KEY}, new String[] {"Content-Type", "application/json"},
                    new String[] {"Content-Encoding", "gzip"}));
            default -> headers.addAll(List.of(new String[] {"X-API-Key", EtlApp.PEARSON_KEY}, new String[] {"X-API-Key", EtlApp.ACME_KEY},
                    new String[] {"Content-Type", "application/json"}));
        }
        return new RawHttp.Request("POST", "/api/v1/queries", List.copyOf(headers), body, body.length);
    }

    private static RawHttp.Request query(String key, String sql, String contentType) {
        return query(key, utf8(JSON.createObjectNode().put("sql", sql).toString()), contentType);
    }

    private static RawHttp.Request query(String key, byte[] body, String contentType) {
        return RawHttp.Request.post("/api/v1/queries", body, "X-API-Key", key, "Content-Type", contentType);
    }

    private static boolean isProblem(RawHttp.Response response) {
        String type = response.header("Content-Type");
        return type != null && type.startsWith("application/problem+json")
                && JSON.readTree(response.body()).get("status").asInt() == response.status();
    }

    private static String describe(Sent sent) {
        String body = new String(sent.request().body(), StandardCharsets.UTF_8);
        return sent.request().method() + " " + sent.request().path() + " "
                + sent.request().headers().stream().map(h -> h[0] + "=" + h[1]).toList() + " "
                + body.substring(0, Math.min(200, body.length()));
    }

    private static Set<String> userExamIds(List<String> records) {
        return records.stream().map(r -> JSON.readTree(r).get("user_exam_id").asString()).collect(Collectors.toSet());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] bytes, byte[] more, int at) {
        byte[] out = new byte[bytes.length + more.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(more, 0, out, at, more.length);
        System.arraycopy(bytes, at, out, at + more.length, bytes.length - at);
        return out;
    }
}
