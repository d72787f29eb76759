package io.attemptlake.etl.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Expected;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

@RealKafka
@RealHdfs
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int QUERY_ROW_CAP = 500;

    private final SparkSession spark = SparkTestSession.get();
    private Pipeline pipeline;
    private EtlApp etl;
    // Within the topic's retention, which deletes by timestamp: days ago, not a fixed date.
    private final LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(4);
    private final LocalDate between = first.plusDays(1);
    private final LocalDate second = first.plusDays(2);
    private Expected onFirst;
    private Expected onSecond;
    private Expected acme;

    @TempDir
    Path downloads;

    @BeforeAll
    void landTwoDaysOfOneTenantAndAnother() {
        List<String> firstRecords = AttemptGenerator.records(31, 300).toList();
        List<String> secondRecords = AttemptGenerator.records(35, 200).toList();
        List<String> acmeRecords = AttemptGenerator.records(7, 100).toList();
        pipeline = new Pipeline();
        pipeline.topic.publishAt("pearson", firstRecords, first.atTime(10, 0).toInstant(ZoneOffset.UTC));
        pipeline.topic.publishAt("pearson", secondRecords, second.atTime(10, 0).toInstant(ZoneOffset.UTC));
        pipeline.topic.publish("acme", acmeRecords);
        onFirst = new Expected(firstRecords);
        onSecond = new Expected(secondRecords);
        acme = new Expected(acmeRecords);
        etl = pipeline.start("--etl.query.max-rows=" + QUERY_ROW_CAP,
                "--etl.query.requests-per-second=1000", "--etl.query.request-burst=1000");
        assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @AfterAll
    void stop() {
        etl.close();
        pipeline.close();
    }

    private Http.Response download(String path, Path file, String... headers) {
        return downloadAs(EtlApp.PEARSON_KEY, path, file, headers);
    }

    private Http.Response downloadAs(String key, String path, Path file, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return etl.http().download(path, file, all);
    }

    private Dataset<Row> parquet(String path) {
        return parquetAs(EtlApp.PEARSON_KEY, path);
    }

    private Dataset<Row> parquetAs(String key, String path) {
        Path file = downloads.resolve("export-" + System.nanoTime() + ".parquet");
        Http.Response response = downloadAs(key, path, file);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/vnd.apache.parquet");
        return spark.read().parquet(file.toString());
    }

    private long distinctAttemptsFrom(Dataset<Row> rows) {
        return rows.select("attempt_key").distinct().count();
    }

    @Test
    void exportsEveryRowOfTheTenantsTableAsOneParquetFileBeyondTheQueryCap() throws IOException {
        Path file = downloads.resolve("options.parquet");
        Http.Response response = download("/api/v1/exports/options", file);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"pearson-options.parquet\"");
        assertThat(Long.parseLong(response.header("Content-Length"))).isEqualTo(Files.size(file));

        Dataset<Row> exported = spark.read().parquet(file.toString());
        Dataset<Row> lake = pipeline.lake.table(Table.OPTIONS).filter("tenant = 'pearson'");
        String[] columns = lake.columns();
        assertThat(exported.columns()).containsExactlyInAnyOrder(columns);
        assertThat(exported.count()).isEqualTo(lake.count()).isGreaterThan(QUERY_ROW_CAP);
        assertThat(exported.selectExpr(columns).exceptAll(lake.selectExpr(columns)).count()).isZero();
        assertThat(lake.selectExpr(columns).exceptAll(exported.selectExpr(columns)).count()).isZero();
    }

    @Test
    void boundsTheExportByIngestDateInclusive() {
        assertThat(distinctAttemptsFrom(parquet("/api/v1/exports/attempts?from=" + second + "&to=" + second)))
                .isEqualTo(onSecond.distinct.size());
        assertThat(distinctAttemptsFrom(parquet("/api/v1/exports/attempts?from=" + between)))
                .isEqualTo(onSecond.distinct.size());
        assertThat(distinctAttemptsFrom(parquet("/api/v1/exports/attempts?to=" + first)))
                .isEqualTo(onFirst.distinct.size());
        assertThat(distinctAttemptsFrom(parquet("/api/v1/exports/attempts?from=" + first + "&to=" + second)))
                .isEqualTo(onFirst.distinct.size() + onSecond.distinct.size());
        assertThat(parquet("/api/v1/exports/attempts?from=2030-01-01").count()).isZero();
    }

    @Test
    void exportsCsvWithAHeaderAndOneLinePerRow() throws IOException {
        Path file = downloads.resolve("raw.csv");
        Http.Response response = download("/api/v1/exports/raw_assessments?to=" + first, file, "Accept", "text/csv");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        Dataset<Row> csv = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(file.toString());
        assertThat(csv.columns()).containsExactlyInAnyOrder(pipeline.lake.table(Table.RAW).columns());
        assertThat(csv.count()).isEqualTo(onFirst.received);
        assertThat(csv.select("tenant").distinct().collectAsList()).extracting(r -> r.getString(0)).containsExactly("pearson");
        // Each value is the message as sent, so it reads back as the record it was.
        assertThat(csv.select("value").collectAsList()).allSatisfy(r -> assertThat(JSON.readTree(r.getString(0)).has("exam_name")).isTrue());
    }

    @Test
    void aTenantExportsOnlyItsOwnRowsAndTheAdminEveryTenants() {
        Dataset<Row> acmeRows = parquetAs(EtlApp.ACME_KEY, "/api/v1/exports/attempts");
        assertThat(acmeRows.select("tenant").distinct().collectAsList()).extracting(r -> r.getString(0)).containsExactly("acme");
        assertThat(acmeRows.count()).isEqualTo(acme.distinct.size());
        Dataset<Row> all = parquetAs(EtlApp.ADMIN_KEY, "/api/v1/exports/attempts");
        assertThat(all.count()).isEqualTo(acme.distinct.size() + onFirst.distinct.size() + onSecond.distinct.size());
    }

    @Test
    void answersProblemsForUnknownTablesBadDatesAndNoKey() {
        Path file = downloads.resolve("problem.json");
        Http.Response unknown = download("/api/v1/exports/_runs", file);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("attempts", "options");
        Http.Response badDate = download("/api/v1/exports/attempts?from=03/05/2026", file);
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("type").asString()).endsWith("invalid-date");
        Http.Response reversed = download("/api/v1/exports/attempts?from=" + second + "&to=" + first, file);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("type").asString()).endsWith("invalid-date-range");
        Http.Response anonymous = etl.http().download("/api/v1/exports/attempts", file);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void leavesNoExportFilesBehindInTheLake() throws IOException {
        parquet("/api/v1/exports/questions");
        download("/api/v1/exports/questions", downloads.resolve("q.csv"), "Accept", "text/csv");
        FileSystem fs = FileSystem.get(URI.create(pipeline.lakeBase), spark.sparkContext().hadoopConfiguration());
        org.apache.hadoop.fs.Path exports = new org.apache.hadoop.fs.Path(pipeline.lakeBase, "_exports");
        assertThat(fs.exists(exports) ? fs.listStatus(exports) : new org.apache.hadoop.fs.FileStatus[0]).isEmpty();
    }
}
