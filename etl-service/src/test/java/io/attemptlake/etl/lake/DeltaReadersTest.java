package io.attemptlake.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A reader that is not ours: Delta Lake's own Spark reader, following each tenant table's log over
 * WebHDFS, answers the README's questions exactly as the query API does after the first run.
 */
@RealKafka
@RealHdfs
class DeltaReadersTest {

    @Test
    void deltasOwnReaderOverWebHdfsGetsTheQueryApisAnswers() throws Exception {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", AttemptGenerator.records(131, 300).toList());
            p.topic.publish("acme", AttemptGenerator.records(132, 50).toList());
            assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");

            URI web = URI.create(p.hdfs.webHdfsUrl());
            String base = "webhdfs://" + web.getHost() + ":" + web.getPort() + URI.create(p.lakeBase).getPath();
            SparkSession reader = SparkTestSession.get().newSession();
            for (Table t : Table.values()) {
                String table = base + "/" + t.path() + "/tenant=pearson";
                if (io.delta.tables.DeltaTable.isDeltaTable(reader, table)) { // no quarantined record, no quarantine table
                    reader.read().format("delta").load(table).createOrReplaceTempView(t.viewName());
                }
            }

            List<String> questions = readmeQuestions();
            assertThat(questions).hasSizeGreaterThanOrEqualTo(5);
            for (String sql : questions) {
                Http.Response api = etl.http().post("/api/v1/queries", "{\"sql\":\"" + sql + "\"}",
                        "Content-Type", "application/json", "X-API-Key", EtlApp.PEARSON_KEY);
                assertThat(api.status()).as(api.body()).isEqualTo(200);
                List<List<String>> theirs = new ArrayList<>();
                for (Row row : reader.sql(sql).collectAsList()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < row.size(); i++) {
                        cells.add(cell(row.get(i)));
                    }
                    theirs.add(cells);
                }
                List<List<String>> ours = new ArrayList<>();
                for (JsonNode row : api.json().get("rows")) {
                    List<String> cells = new ArrayList<>();
                    row.forEach(v -> cells.add(v.isNumber() ? cell(v.decimalValue()) : v.isNull() ? "null" : v.asString()));
                    ours.add(cells);
                }
                // Rows in the same order where the SQL orders them; as sets where it does not.
                theirs.sort(java.util.Comparator.comparing(Object::toString));
                ours.sort(java.util.Comparator.comparing(Object::toString));
                assertThat(theirs).as(sql).isNotEmpty().isEqualTo(ours);
            }
        }
    }

    /** A value as both sides print it: numbers to 12 significant digits. */
    private static String cell(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).round(new MathContext(12)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    private static List<String> readmeQuestions() throws Exception {
        return Files.readAllLines(java.nio.file.Path.of("..", "README.md")).stream()
                .dropWhile(line -> !line.startsWith("## The questions a data scientist asks first"))
                .filter(line -> line.startsWith("| ") && line.contains("| `SELECT"))
                .map(line -> line.substring(line.indexOf("`") + 1, line.lastIndexOf("`")))
                .toList();
    }
}
