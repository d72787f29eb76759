package io.attemptlake.etl.landing;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.Samples;
import io.attemptlake.model.topic.AssessmentsTopic;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The landing's reference input, fixed forever: odd records (every case the parity corpus, the
 * quarantine tests and the fuzzers found) and 20,000 generated ones (re-sends within and across
 * tenants, poison, ragged options, non-ASCII names), as Kafka rows with fixed coordinates spread
 * over three partitions and four UTC days, plus attempts "landed by earlier runs".
 *
 * <p>{@code golden/} holds what the engine of commit 33e979f (Spark SQL rules, from_json) landed
 * from exactly this input; {@code LandingGoldenTest} compares today's engine with it.
 */
final class GoldenCorpus {

    static final String REAL = Samples.realRecord();
    private static final Instant START = Instant.parse("2026-11-20T22:00:00Z");

    /**
     * Odd records whose verdict the engine of commit 33e979f got wrong, and what they are now: the
     * same as the ingest's (they are in the odd files, and out of the digests' corpus).
     */
    static final Map<String, String> CORRECTED = Map.of(
            "byte order mark", "lands: JSON readers may skip a leading BOM, and the ingest's does",
            "trailing garbage", "malformed JSON or not a JSON object",
            "two objects", "malformed JSON or not a JSON object",
            "exponent max_attempts", "/max_attempts: must be a decimal number such as \"1.0\"",
            "single quotes", "malformed JSON or not a JSON object",
            "blank exam", "malformed JSON or not a JSON object",
            "control character in a string", "malformed JSON or not a JSON object");

    private GoldenCorpus() {
    }

    /** Odd records by name: each lands or is quarantined, and the reason is part of the contract. */
    static Map<String, byte[]> odd() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("real", REAL);
        c.put("required only", "{\"exam_name\":\"e\",\"base_exam_id\":\"b\",\"user_exam_id\":\"u\",\"started_at\":\"2018-01-23T14:23:19Z\"}");
        c.put("no keen_id", REAL.replace("\"keen_id\":\"5a6745820eb8ab00016be1f1\",", ""));
        c.put("blank exam", REAL.replace("Normal Forms and All That Jazz Master Class", " \t "));
        c.put("missing started_at", REAL.replace("\"started_at\":\"2018-01-23T14:23:19.082Z\",", ""));
        c.put("no date", REAL.replace("2018-01-23T14:23:19.082Z", "2018-02-30T14:23:19Z"));
        c.put("date only", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23"));
        c.put("offset date", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19.082+05:30"));
        c.put("nanosecond date", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19.123456789Z"));
        c.put("leap day", REAL.replace("2018-01-23T14:23:19.082Z", "2016-02-29T00:00:00Z"));
        c.put("offset over 18h", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19+19:00"));
        c.put("leap second", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T23:59:60Z"));
        c.put("trailing newline", REAL.replace("2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19.082Z\\n"));
        c.put("bad epoch", REAL.replace("\"keen_timestamp\":\"1516717442.735266\"", "\"keen_timestamp\":\"1e9\""));
        c.put("whole epoch", REAL.replace("\"keen_timestamp\":\"1516717442.735266\"", "\"keen_timestamp\":\"1516717442\""));
        c.put("numeric max_attempts", REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":1.0"));
        c.put("negative max_attempts", REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":\"-2.25\""));
        c.put("word max_attempts", REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":\"one\""));
        c.put("boolean certification", REAL.replace("\"certification\":\"false\"", "\"certification\":false"));
        c.put("true certification", REAL.replace("\"certification\":\"false\"", "\"certification\":\"true\""));
        c.put("yes certification", REAL.replace("\"certification\":\"false\"", "\"certification\":\"yes\""));
        c.put("string attempt", REAL.replace("\"attempt\":1", "\"attempt\":\"1\""));
        c.put("float attempt", REAL.replace("\"attempt\":1", "\"attempt\":1.5"));
        c.put("negative count", REAL.replace("\"unanswered\":0", "\"unanswered\":-99"));
        c.put("two bad counts", REAL.replace("\"unanswered\":0", "\"unanswered\":-99").replace("\"correct\":2", "\"correct\":-1"));
        c.put("int boolean", REAL.replace("\"all_correct\":false", "\"all_correct\":0"));
        c.put("null question", REAL.replace("\"questions\":[", "\"questions\":[null,"));
        c.put("null option", REAL.replace("\"options\":[", "\"options\":[null,"));
        c.put("bad option time", REAL.replace("2018-01-23T14:23:30.116Z", "soon"));
        c.put("two bad option times", REAL.replace("2018-01-23T14:23:30.116Z", "soon").replace("2018-01-23T14:23:52.510Z", "later"));
        c.put("three violations", REAL.replace("2018-01-23T14:23:19.082Z", "later").replace("\"unanswered\":0", "\"unanswered\":-1")
                .replace("2018-01-23T14:23:30.116Z", "soon"));
        c.put("sequences a string", "{\"exam_name\":\"e\",\"base_exam_id\":\"b\",\"user_exam_id\":\"u\",\"started_at\":\"2018-01-23T14:23:19Z\",\"sequences\":\"x\"}");
        c.put("questions an object", REAL.replace("\"questions\":[", "\"questions\":{\"q\":[").replace("],\"attempt\"", "]},\"attempt\""));
        c.put("space in keen_id", REAL.replace("5a6745820eb8ab00016be1f1", "5a67 4582"));
        c.put("long exam name", REAL.replace("Normal Forms and All That Jazz Master Class", "x".repeat(513)));
        c.put("exam name at limit", REAL.replace("Normal Forms and All That Jazz Master Class", "x".repeat(512)));
        c.put("emoji exam name over limit", REAL.replace("Normal Forms and All That Jazz Master Class", "😀".repeat(257)));
        c.put("emoji exam name at limit", REAL.replace("Normal Forms and All That Jazz Master Class", "😀".repeat(256)));
        c.put("escaped text", REAL.replace("Normal Forms and All That Jazz Master Class", "Caf\\u00e9 \\\"quoted\\\" a\\/b \\t tab"));
        c.put("non-ASCII", REAL.replace("Normal Forms and All That Jazz Master Class", "日本語で学ぶ機械学習 – Café Übungen ✓"));
        c.put("unknown fields", REAL.replace("\"keen_id\":", "\"extra\":{\"a\":[1]},\"keen_id\":"));
        c.put("null exam", REAL.replace("\"Normal Forms and All That Jazz Master Class\"", "null"));
        c.put("null sequences", REAL.replaceFirst("\"sequences\":\\{.*\\},\"keen_created_at\"", "\"sequences\":null,\"keen_created_at\""));
        c.put("no questions", REAL.replaceFirst("\"questions\":\\[.*\\],\"attempt\"", "\"questions\":[],\"attempt\""));
        c.put("no counts", REAL.replaceFirst(",\"counts\":\\{[^}]*\\}", ""));
        c.put("zero total", REAL.replace("\"total\":4", "\"total\":0"));
        c.put("no options", REAL.replaceFirst("\"options\":\\[[^\\]]*\\]", "\"options\":[]"));
        c.put("array", "[" + REAL + "]");
        c.put("array of numbers", "[1,2,3]");
        c.put("single quotes", "{'exam_name':'e'}");
        c.put("NaN", REAL.replace("\"attempt\":1", "\"attempt\":NaN"));
        c.put("leading zero", REAL.replace("\"attempt\":1", "\"attempt\":01"));
        c.put("truncated", REAL.substring(0, 200));
        c.put("kafkacat text", "kafkacat says hi");
        c.put("empty", "");
        c.put("json null", "null");
        c.put("json string", "\"a string\"");
        c.put("empty object", "{}");
        c.put("whitespace only", "  \n ");
        c.put("byte order mark", "\uFEFF" + REAL);
        c.put("two objects", "{}{}");
        c.put("trailing garbage", REAL + " x");
        c.put("trailing whitespace", REAL + " \n");
        c.put("int overflow", REAL.replace("\"attempt\":1", "\"attempt\":99999999999"));
        c.put("exponent max_attempts", REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":1E2"));
        c.put("pretty printed", REAL.replace(",\"", ",\n  \""));
        // Each its own attempt (else all but the first would be duplicates of the real record).
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        int[] n = {0};
        c.forEach((name, text) -> bytes.put(name, (name.equals("real") ? text
                : text.replace("5a6745820eb8ab00016be1f1", String.format("odd%021d", n[0]++))).getBytes(StandardCharsets.UTF_8)));
        bytes.put("tombstone", null);
        bytes.put("invalid UTF-8", new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'});
        bytes.put("control character in a string", REAL.replace("Master Class", "Master \u0001Class").getBytes(StandardCharsets.UTF_8));
        byte[] broken = REAL.getBytes(StandardCharsets.UTF_8);
        broken[REAL.indexOf("Jazz")] = (byte) 0xFF;
        bytes.put("invalid UTF-8 in a record", broken);
        return bytes;
    }

    /** Every message: the odd ones (but the corrected), the real record under each header case, then the generated ones. */
    static List<Row> messages() {
        return rows(false, true);
    }

    /** The odd messages alone, the corrected ones too; message i is at partition i % 3, offset i / 3. */
    static List<Row> oddMessages() {
        return rows(true, false);
    }

    private static List<Row> rows(boolean corrected, boolean generated) {
        List<Row> rows = new ArrayList<>();
        int[] next = new int[3];
        Instant[] clock = {START};
        Appender add = (tenantHeader, value) -> {
            int partition = rows.size() % 3;
            clock[0] = clock[0].plusSeconds(17);
            List<Row> headers = new ArrayList<>();
            if (tenantHeader != null) {
                headers.add(RowFactory.create(AssessmentsTopic.TENANT_HEADER, tenantHeader.getBytes(StandardCharsets.UTF_8)));
            }
            headers.add(RowFactory.create(AssessmentsTopic.REQUEST_ID_HEADER, ("req-" + rows.size() / 50).getBytes(StandardCharsets.UTF_8)));
            rows.add(RowFactory.create(("k" + rows.size()).getBytes(StandardCharsets.UTF_8), value, "assessments",
                    partition, (long) next[partition]++, Timestamp.from(clock[0]), 0, headers));
        };
        odd().forEach((name, v) -> {
            if (corrected || !CORRECTED.containsKey(name)) {
                add.to("pearson", v);
            }
        });
        for (String header : new String[] {null, "../x", "Pearson", "acme"}) {
            add.to(header, REAL.getBytes(StandardCharsets.UTF_8));
        }
        if (!generated) {
            return rows;
        }
        List<String> records = AttemptGenerator.records(2026, 20_000).toList();
        for (int i = 0; i < records.size(); i++) {
            String tenant = i % 10 < 6 ? "pearson" : i % 10 < 9 ? "acme" : "globex";
            if (i % 401 == 0) {
                add.to(tenant, ("poison " + i).getBytes(StandardCharsets.UTF_8));
            }
            if (i % 997 == 0) {
                add.to("acme", records.get(i).getBytes(StandardCharsets.UTF_8)); // the same attempt, another tenant
            }
            add.to(tenant, records.get(i).getBytes(StandardCharsets.UTF_8));
        }
        return rows;
    }

    /** (tenant, attempt_key) landed by earlier runs: the first 300 generated attempts of pearson. */
    static List<Row> landedKeys() {
        List<Row> keys = new ArrayList<>();
        List<String> generated = AttemptGenerator.records(2026, 3000).toList();
        for (int i = 0; i < generated.size() && keys.size() < 300; i += 10) {
            String record = generated.get(i);
            int at = record.indexOf("\"keen_id\":\"");
            if (at >= 0) {
                keys.add(RowFactory.create("pearson", record.substring(at + 11, record.indexOf('"', at + 11))));
            }
        }
        return keys;
    }

    @FunctionalInterface
    private interface Appender {
        void to(String tenantHeader, byte[] value);
    }
}
