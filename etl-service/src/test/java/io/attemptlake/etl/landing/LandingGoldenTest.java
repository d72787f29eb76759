package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Today's engine lands what the engine of commit 33e979f landed (src/test/resources/golden), row
 * for row in every table, all columns but {@code run_id}: the odd records, 20,000 generated ones with
 * re-sends, poison, ragged options and non-ASCII names, across tenants, partitions and days. The
 * only differences are the records that engine judged wrongly ({@link GoldenCorpus#CORRECTED}), and
 * each of those is checked for what it is now.
 */
class LandingGoldenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static Map<Table, Dataset<Row>> land(List<Row> kafka, List<Row> landedKeys) {
        return Landed.land(spark.createDataFrame(kafka, KafkaRows.SCHEMA), landedKeys).tables;
    }

    @Test
    void everyTableHoldsTheSameRowsAsTheGoldenOutput() {
        JsonNode golden = JSON.readTree(resource("digests.json"));

        Map<Table, Dataset<Row>> tables = land(GoldenCorpus.messages(), GoldenCorpus.landedKeys());

        for (Map.Entry<Table, Dataset<Row>> t : tables.entrySet()) {
            TableDigest now = TableDigest.of(t.getValue());
            JsonNode expected = golden.get(t.getKey().name());
            assertThat(now.rows()).as("%s rows", t.getKey()).isEqualTo(expected.get("rows").asLong());
            Map<Integer, List<String>> buckets = new TreeMap<>();
            expected.get("buckets").properties().forEach(e -> buckets.put(Integer.parseInt(e.getKey()),
                    List.of(e.getValue().get(0).asString(), e.getValue().get(1).asString())));
            assertThat(now.buckets()).as("%s: buckets (count, sum of row hashes) that differ", t.getKey())
                    .containsExactlyEntriesOf(buckets);
        }
    }

    @Test
    void theOddRecordsLandAsTheGoldenOutputSaysButForTheCorrectedOnes() {
        List<String> names = new ArrayList<>(GoldenCorpus.odd().keySet());
        Set<List<Long>> corrected = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (GoldenCorpus.CORRECTED.containsKey(names.get(i))) {
                corrected.add(List.of((long) (i % 3), (long) (i / 3)));
            }
        }
        Map<Table, Dataset<Row>> tables = land(GoldenCorpus.oddMessages(), List.of());
        Set<String> correctedKeys = new HashSet<>();
        tables.get(Table.RAW).collectAsList().forEach(r -> {
            if (corrected.contains(List.of((long) r.<Integer>getAs("partition"), r.<Long>getAs("offset")))
                    && r.getAs("attempt_key") != null) {
                correctedKeys.add(r.getAs("attempt_key"));
            }
        });

        for (Map.Entry<Table, Dataset<Row>> t : tables.entrySet()) {
            List<String> now = TableDigest.rowsAsJson(t.getValue()).stream().filter(row -> !isCorrected(row, corrected, correctedKeys)).toList();
            List<String> golden = lines("odd-" + t.getKey().name().toLowerCase() + ".jsonl").stream()
                    .filter(row -> !isCorrected(row, corrected, goldenKeys(corrected))).toList();
            assertThat(now).as(t.getKey().name()).containsExactlyElementsOf(golden);
        }
    }

    @Test
    void theCorrectedRecordsAreJudgedAsTheIngestJudgesThem() {
        List<String> names = new ArrayList<>(GoldenCorpus.odd().keySet());
        Dataset<Row> raw = land(GoldenCorpus.oddMessages(), List.of()).get(Table.RAW);
        Dataset<Row> quarantine = land(GoldenCorpus.oddMessages(), List.of()).get(Table.QUARANTINE);

        for (Map.Entry<String, String> c : GoldenCorpus.CORRECTED.entrySet()) {
            int i = names.indexOf(c.getKey());
            Row message = raw.filter(col("partition").equalTo(i % 3).and(col("offset").equalTo((long) (i / 3)))).first();
            if (c.getValue().startsWith("lands")) {
                assertThat(message.<String>getAs("outcome")).as(c.getKey()).isEqualTo("landed");
            } else {
                assertThat(message.<String>getAs("outcome")).as(c.getKey()).isEqualTo("quarantined");
                assertThat(quarantine.filter(col("partition").equalTo(i % 3).and(col("offset").equalTo((long) (i / 3))))
                        .first().<String>getAs("reason")).as(c.getKey()).isEqualTo(c.getValue());
            }
        }
    }

    /** A row of a corrected message: by its coordinates, or (flattened tables) by its attempt. */
    private static boolean isCorrected(String jsonRow, Set<List<Long>> corrected, Set<String> keys) {
        JsonNode row = JSON.readTree(jsonRow);
        if (row.has("offset")) {
            return corrected.contains(List.of(row.get("partition").asLong(), row.get("offset").asLong()));
        }
        if (row.has("kafka_offset")) {
            return corrected.contains(List.of(row.get("kafka_partition").asLong(), row.get("kafka_offset").asLong()));
        }
        return keys.contains(row.get("attempt_key").asString());
    }

    // The attempts the old engine landed from corrected messages (their questions and options).
    private static Set<String> goldenKeys(Set<List<Long>> corrected) {
        Set<String> keys = new HashSet<>();
        for (String line : lines("odd-attempts.jsonl")) {
            JsonNode row = JSON.readTree(line);
            if (corrected.contains(List.of(row.get("kafka_partition").asLong(), row.get("kafka_offset").asLong()))) {
                keys.add(row.get("attempt_key").asString());
            }
        }
        return keys;
    }

    private static List<String> lines(String name) {
        return resource(name).lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    private static String resource(String name) {
        try (InputStream in = LandingGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
