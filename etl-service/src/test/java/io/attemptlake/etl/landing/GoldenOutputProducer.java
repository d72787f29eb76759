package io.attemptlake.etl.landing;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Run once, with the engine of commit 33e979f, to write src/test/resources/golden/. */
final class GoldenOutputProducer {

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        StructType keys = new StructType().add("tenant", DataTypes.StringType).add("attempt_key", DataTypes.StringType);
        Dataset<Row> landed = spark.createDataFrame(GoldenCorpus.landedKeys(), keys);

        Map<Table, Dataset<Row>> all = land(spark.createDataFrame(GoldenCorpus.messages(), KafkaRows.SCHEMA), landed);
        Map<String, Object> digests = new java.util.LinkedHashMap<>();
        all.forEach((t, d) -> digests.put(t.name(), TableDigest.of(d)));
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(out.resolve("digests.json"), json.writeValueAsString(digests));

        List<Row> oddRows = new ArrayList<>(GoldenCorpus.messages().subList(0, GoldenCorpus.odd().size() + 4));
        Map<Table, Dataset<Row>> odd = land(spark.createDataFrame(oddRows, KafkaRows.SCHEMA), spark.createDataFrame(List.of(), keys));
        List<String> names = new ArrayList<>(GoldenCorpus.odd().keySet());
        List<Row> reasons = odd.get(Table.RAW).join(odd.get(Table.QUARANTINE).select("partition", "offset", "reason"),
                new String[] {"partition", "offset"}, "left_outer").collectAsList();
        for (Row r : reasons) {
            int index = r.<Long>getAs("offset").intValue() * 3 + r.<Integer>getAs("partition");
            if (index < names.size()) {
                byte[] value = (byte[]) GoldenCorpus.odd().get(names.get(index));
                boolean java = value != null && io.attemptlake.model.json.AttemptReader.read(value) instanceof io.attemptlake.model.json.AttemptReader.Accepted;
                String reason = r.getAs("reason");
                System.out.println("ODD " + (java == (reason == null) ? "same " : "DIFF ") + names.get(index) + " -> " + reason);
            }
        }
        for (Map.Entry<Table, Dataset<Row>> e : odd.entrySet()) {
            Files.writeString(out.resolve("odd-" + e.getKey().name().toLowerCase() + ".jsonl"),
                    String.join("\n", TableDigest.rowsAsJson(e.getValue())) + "\n", StandardCharsets.UTF_8);
        }
    }

    private static Map<Table, Dataset<Row>> land(Dataset<Row> kafka, Dataset<Row> landedKeys) {
        Dataset<Row> messages = Landing.parse(kafka, "golden").cache();
        Dataset<Row> duplicates = Landing.duplicates(messages, landedKeys).cache();
        Dataset<Row> landing = Landing.landing(messages, duplicates);
        Map<Table, Dataset<Row>> tables = new EnumMap<>(Table.class);
        tables.put(Table.RAW, Landing.raw(messages, duplicates));
        tables.put(Table.QUARANTINE, Landing.quarantine(messages));
        tables.put(Table.ATTEMPTS, Landing.attempts(landing));
        tables.put(Table.QUESTIONS, Landing.questions(landing));
        tables.put(Table.OPTIONS, Landing.options(landing));
        return tables;
    }
}
