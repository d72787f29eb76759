package io.attemptlake.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A lake as this service wrote it before its tenant tables were Delta tables (Parquet files under
 * tenant=/ingest_date= directories, the tenant only in the path, empty commit markers) is made into
 * them at start: the same answers, Delta's own reader sees every row with its tenant, no file counted
 * twice, and runs go on from where the lake was.
 */
@RealKafka
@RealHdfs
class LegacyLakeTest {

    @Test
    void aLakeFromBeforeDeltaBecomesDeltaTablesWithTheSameAnswers() throws Exception {
        SparkSession spark = SparkTestSession.get();
        try (Pipeline p = new Pipeline()) {
            p.topic.publish("pearson", AttemptGenerator.records(141, 60).toList());
            Map<Table, Long> before = new EnumMap<>(Table.class);
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                for (Table t : Table.values()) {
                    before.put(t, count(etl, t));
                }
            }
            FileSystem fs = p.hdfs.fileSystem();
            for (Table t : Table.values()) {
                Path table = new Path(p.lakeBase + "/" + t.path());
                for (FileStatus tenant : fs.exists(table) ? fs.listStatus(table) : new FileStatus[0]) {
                    // As the old landing left it: no log, no tenant column in the files.
                    Path dir = tenant.getPath();
                    Path copy = new Path(p.lakeBase + "/_old/" + t.path() + "/" + dir.getName());
                    Dataset<Row> rows = spark.read().format("delta").load(dir.toString()).drop("tenant");
                    rows.write().partitionBy("ingest_date").parquet(copy.toString());
                    fs.delete(dir, true);
                    fs.rename(copy, dir);
                    fs.delete(new Path(dir, "_SUCCESS"), false);
                }
            }
            for (FileStatus commit : fs.listStatus(new Path(p.lakeBase + "/_commits"))) {
                fs.create(new Path(commit.getPath(), "_COMMITTED"), true).close();
            }

            p.topic.publish("pearson", AttemptGenerator.records(143, 10).toList());
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(count(etl, Table.RAW)).as("runs go on from where the lake was").isEqualTo(before.get(Table.RAW) + 10);
                assertThat(count(etl, Table.ATTEMPTS)).isGreaterThan(before.get(Table.ATTEMPTS));
                for (Table t : Table.values()) {
                    Path pearson = new Path(p.lakeBase + "/" + t.path() + "/tenant=pearson");
                    if (!fs.exists(pearson)) {
                        continue;
                    }
                    Dataset<Row> delta = spark.read().format("delta").load(pearson.toString());
                    assertThat(delta.filter("tenant IS NULL OR tenant <> 'pearson'").count()).as("%s's tenant column", t).isZero();
                    assertThat(spark.read().parquet(pearson.toString()).count()).as("%s read as plain files: nothing twice", t)
                            .isEqualTo(delta.count());
                }
            }
        }
    }

    private static long count(EtlApp etl, Table t) {
        Http.Response r = etl.http().post("/api/v1/queries", "{\"sql\":\"SELECT count(*) FROM " + t.viewName() + "\"}",
                "Content-Type", "application/json", "X-API-Key", EtlApp.ADMIN_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("rows").get(0).get(0).asLong();
    }
}
