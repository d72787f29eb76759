package io.attemptlake.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.Http;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.model.Samples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestPropertySource(properties = {"ingest.limits.max-request-size=4MB", "ingest.limits.max-decoded-size=8MB"})
class PublishAssessmentsActionTest extends IngestIntegrationTest {

    private static final String PATH = "/api/v1/assessments";
    private static final String REAL = Samples.realRecord();
    private static final String[] JSON = {"X-API-Key", PEARSON_KEY, "Content-Type", "application/json"};
    private static final String[] NDJSON = {"X-API-Key", PEARSON_KEY, "Content-Type", "application/x-ndjson"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private Map<String, ConsumerRecord<byte[], byte[]>> committedByValue() {
        Map<String, ConsumerRecord<byte[], byte[]>> byValue = new HashMap<>();
        committed().forEach(r -> byValue.put(new String(r.value(), StandardCharsets.UTF_8), r));
        return byValue;
    }

    @Test
    void realRecordArrivesByteEqualWithTheTenantHeader() {
        String pretty = JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(JsonMapper.builder().build().readTree(REAL));
        assertThat(pretty).contains("\n  ");

        Http.Response response = http().post(PATH, pretty, JSON);

        assertThat(response.status()).isEqualTo(201);
        ConsumerRecord<byte[], byte[]> record = committedByValue().get(REAL);
        assertThat(record).as("the record as sent, whitespace aside").isNotNull();
        assertThat(new String(record.headers().lastHeader(AssessmentsTopic.TENANT_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("pearson");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("pearson/5a6745820eb8ab00016be1f1");
        JsonNode body = response.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("topic").asString()).isEqualTo(topic());
        JsonNode range = body.get("partitions").get(0);
        assertThat(range.get("partition").asInt()).isEqualTo(record.partition());
        assertThat(range.get("firstOffset").asLong()).isEqualTo(record.offset());
        assertThat(range.get("lastOffset").asLong()).isEqualTo(record.offset());
    }

    @Test
    void refusesAnAnswerItCannotGiveBeforePublishingAnything() {
        String record = AttemptGenerator.records(12, 1).findFirst().orElseThrow();

        Http.Response refused = http().post(PATH, record, with(JSON, "Accept", "application/xml"));

        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(committedByValue()).doesNotContainKey(record);
        assertThat(http().post(PATH, record, with(JSON, "Accept", "application/json, */*")).status()).isEqualTo(201);
    }

    @Test
    void acceptsAJsonArrayAsTheLabsFileIs() {
        List<String> records = AttemptGenerator.records(11, 300).toList();
        String array = "[\n  " + String.join(",\n  ", records) + "\n]\n";

        Http.Response response = http().post(PATH, array, JSON);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(300);
        assertThat(committedByValue().keySet()).containsAll(records);
        assertThat(sumOfPartitionRecords(response.json())).isEqualTo(300);
    }

    @Test
    void acceptsNdjsonOneRecordPerLine() {
        List<String> records = AttemptGenerator.records(12, 500).toList();

        Http.Response response = http().post(PATH, String.join("\n", records) + "\n", NDJSON);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(500);
        assertThat(committedByValue().keySet()).containsAll(records);
    }

    @Test
    void acceptsGzipForEveryShape() {
        List<String> records = AttemptGenerator.records(13, 40).toList();
        byte[] ndjson = Http.gzip(String.join("\n", records.subList(0, 20)).getBytes(StandardCharsets.UTF_8));
        byte[] array = Http.gzip(("[" + String.join(",", records.subList(20, 39)) + "]").getBytes(StandardCharsets.UTF_8));
        byte[] single = Http.gzip(records.get(39).getBytes(StandardCharsets.UTF_8));

        assertThat(http().post(PATH, ndjson, with(NDJSON, "Content-Encoding", "gzip")).status()).isEqualTo(201);
        assertThat(http().post(PATH, array, with(JSON, "Content-Encoding", "gzip")).status()).isEqualTo(201);
        assertThat(http().post(PATH, single, with(JSON, "Content-Encoding", "gzip")).status()).isEqualTo(201);
        assertThat(committedByValue().keySet()).containsAll(records);
    }

    @Test
    void keysEachRecordByTenantAndAttemptSoResendsShareAPartition() {
        List<String> records = AttemptGenerator.records(14, 30).toList();
        long before = records.stream().filter(records.get(3)::equals).count();
        String body = String.join("\n", records) + "\n" + records.get(3) + "\n";

        assertThat(http().post(PATH, body, NDJSON).status()).isEqualTo(201);

        List<ConsumerRecord<byte[], byte[]>> copies = committed().stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals(records.get(3))).toList();
        assertThat(copies).hasSize((int) before + 1);
        assertThat(copies).extracting(ConsumerRecord::partition).containsOnly(copies.get(0).partition());
        assertThat(new String(copies.get(0).key(), StandardCharsets.UTF_8)).startsWith("pearson/");
    }

    @Test
    void rejectsBatchWithOneInvalidRecordAndPublishesNothing() {
        List<String> records = new ArrayList<>(AttemptGenerator.records(15, 1000).toList());
        records.set(537, records.get(537).replaceFirst("\"started_at\":\"[^\"]+\"", "\"started_at\":\"last tuesday\""));
        int before = committed().size();

        Http.Response response = http().post(PATH, String.join("\n", records), NDJSON);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-records");
        assertThat(problem.get("invalidRecords").asInt()).isEqualTo(1);
        assertThat(problem.get("totalRecords").asInt()).isEqualTo(1000);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("index").asInt()).isEqualTo(537);
        assertThat(error.get("line").asInt()).isEqualTo(538);
        assertThat(error.get("pointer").asString()).isEqualTo("/started_at");
        assertThat(error.get("reason").asString()).contains("ISO-8601");
        assertThat(committed()).hasSize(before);
        Set<String> values = committed().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertThat(values).doesNotContain(records.get(0), records.get(999));
    }

    @Test
    void anInvalidRequestAmongConcurrentOnesIsRefusedAloneAndTheOthersCommitOnce() throws Exception {
        List<String> records = AttemptGenerator.records(16, 24).toList();
        int bad = 7;
        String invalid = records.get(bad).replaceFirst("\"started_at\":\"[^\"]+\"", "\"started_at\":\"soon\"");
        int before = committed().size();

        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(records.size());
        List<java.util.concurrent.Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < records.size(); i++) {
                String body = i == bad ? invalid : records.get(i);
                answers.add(clients.submit(() -> http().post(PATH, body, JSON)));
            }
            for (int i = 0; i < records.size(); i++) {
                assertThat(answers.get(i).get().status()).as("request %d", i).isEqualTo(i == bad ? 400 : 201);
            }
        } finally {
            clients.shutdown();
        }

        Map<String, ConsumerRecord<byte[], byte[]>> landed = committedByValue();
        assertThat(committed()).hasSize(before + records.size() - 1);
        for (int i = 0; i < records.size(); i++) {
            if (i != bad) {
                assertThat(landed).containsKey(records.get(i));
            }
        }
        assertThat(landed).doesNotContainKey(invalid);
    }

    @Test
    void listsAtMostAHundredErrorsButCountsThemAll() {
        String bad = "{\"exam_name\":\"x\"}\n".repeat(150);

        JsonNode problem = http().post(PATH, bad, NDJSON).json();

        assertThat(problem.get("invalidRecords").asInt()).isEqualTo(150);
        assertThat(problem.get("errors").size()).isEqualTo(100);
        assertThat(problem.get("errorsTruncated").asBoolean()).isTrue();
    }

    @Test
    void refusesNdjsonRecordsSharingOrSpanningLines() {
        JsonNode problem = http().post(PATH, REAL + " " + REAL + "\n{\n\"exam_name\":1}\n", NDJSON).json();

        assertThat(problem.get("errors")).extracting(e -> e.get("index").asInt() + ":" + e.get("reason").asString())
                .contains("1:NDJSON needs each record on a line of its own", "2:an NDJSON record must fit on one line");
    }

    @Test
    void rejectsMalformedJsonWithItsPosition() {
        Http.Response response = http().post(PATH, "[" + REAL + ",{\"exam_name\": }]", JSON);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/malformed-json");
        assertThat(response.json().get("line").asInt()).isEqualTo(1);
        assertThat(response.json().get("column").asInt()).isGreaterThan(REAL.length());
    }

    @Test
    void rejectsTruncatedBodies() {
        Http.Response response = http().post(PATH, REAL.substring(0, REAL.indexOf(",\"user_exam_id\"")), JSON);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/malformed-json");
        assertThat(response.json().get("detail").asString()).contains("ends in the middle");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = REAL.replace("Normal Forms", "Normal F\u00fcrms").getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("F\u00c3\u00bc");
        body[at + 1] = (byte) 0xfc; // a lone Latin-1 byte where UTF-8 needs two

        Http.Response response = http().post(PATH, body, JSON);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-utf8");
    }

    @Test
    void rejectsUtf8ThatAParserWouldDecodeLeniently() {
        byte[][] sequences = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/'
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
                {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}}; // stray continuation, cut sequence
        for (byte[] bad : sequences) {
            byte[] head = REAL.substring(0, REAL.indexOf("Normal") + 6).getBytes(StandardCharsets.UTF_8);
            byte[] tail = REAL.substring(REAL.indexOf("Normal") + 6).getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bad, 0, body, head.length, bad.length);
            System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

            Http.Response response = http().post(PATH, body, JSON);

            assertThat(response.status()).as(Arrays.toString(bad)).isEqualTo(400);
            assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-utf8");
            assertThat(response.json().get("byteOffset").asLong()).isBetween((long) head.length, (long) head.length + bad.length);
        }
    }

    @Test
    void rejectsEmptyBodies() {
        assertThat(http().post(PATH, "", JSON).json().get("type").asString()).isEqualTo("/problems/empty-body");
        assertThat(http().post(PATH, "  \n", NDJSON).json().get("type").asString()).isEqualTo("/problems/empty-body");
        assertThat(http().post(PATH, "[]", JSON).json().get("type").asString()).isEqualTo("/problems/no-records");
    }

    @Test
    void rejectsExcessiveNesting() {
        String deep = REAL.replace("\"keen_id\":", "\"deep\":" + "[".repeat(40) + "]".repeat(40) + ",\"keen_id\":");

        Http.Response response = http().post(PATH, deep, JSON);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/limit-exceeded");
        assertThat(response.json().get("detail").asString()).contains("nesting depth");
    }

    @Test
    void rejectsUnsupportedContentTypesWith415() {
        for (String type : List.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1")) {
            Http.Response response = http().post(PATH, REAL, "X-API-Key", PEARSON_KEY, "Content-Type", type);
            assertThat(response.status()).as(type).isEqualTo(415);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Http.Response noType = http().post(PATH, REAL, "X-API-Key", PEARSON_KEY);
        assertThat(noType.status()).isEqualTo(415);
        Http.Response brotli = http().post(PATH, REAL, with(JSON, "Content-Encoding", "br"));
        assertThat(brotli.status()).isEqualTo(415);
        assertThat(brotli.json().get("type").asString()).isEqualTo("/problems/unsupported-encoding");
    }

    @Test
    void rejectsBodiesOverTheLimitWith413() {
        String big = String.join("\n", AttemptGenerator.records(16, 2000).toList()); // ~5 MB > 4 MB

        Http.Response response = http().post(PATH, big, NDJSON);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/body-too-large");
    }

    @Test
    void rejectsGzipBombsWith413() {
        byte[] bomb = Http.gzip(("[" + (REAL + ",").repeat(4000) + REAL + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(1_000_000);

        Http.Response response = http().post(PATH, bomb, with(JSON, "Content-Encoding", "gzip"));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asString()).contains("decompressed");
    }

    @Test
    void rejectsBodiesThatAreNotGzipThoughDeclaredSo() {
        Http.Response response = http().post(PATH, REAL, with(JSON, "Content-Encoding", "gzip"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-gzip");
    }

    @Test
    void answersUnknownPathsAndMethodsInProblemJsonToo() {
        Http.Response notFound = http().get("/api/v1/nothing-here", "X-API-Key", PEARSON_KEY);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).startsWith("application/problem+json");
        Http.Response wrongMethod = http().get(PATH, "X-API-Key", PEARSON_KEY);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.body()).doesNotContain("Exception", "at org.");
    }

    private static int sumOfPartitionRecords(JsonNode body) {
        int sum = 0;
        for (JsonNode p : body.get("partitions")) {
            sum += p.get("records").asInt();
        }
        return sum;
    }
}
