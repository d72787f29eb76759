package io.attemptlake.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.Samples;
import io.attemptlake.model.json.AttemptReader.Accepted;
import io.attemptlake.model.json.AttemptReader.Rejected;
import io.attemptlake.model.json.AttemptReader.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The hand-written binder judges every record as Jackson databind's strict binding did: the real
 * record with every value replaced, one at a time, by values of every JSON type, and with keys
 * repeated at the start and at the end of every object.
 */
@Tag("fast")
class RecordBinderTest {

    private static final String REAL = Samples.realRecord();

    private static final List<String> REPLACEMENTS = List.of(
            "null", "0", "1", "-1", "1.5", "1.0", "-0", "2147483647", "2147483648", "99999999999",
            "99999999999999999999999999", "1e400", "9.9e9999999999", "1E2", "\"x\"", "\"\"", "\"1\"", "\"true\"",
            "\"2018-01-23T14:23:19.082Z\"", "true", "false", "[]", "[1]", "[null]", "[{}]", "[[]]", "[\"x\"]",
            "[null,{\"id\":\"q\"},3]", "{}", "{\"a\":1}", "{\"id\":\"q\",\"id\":\"r\"}", "{\"x\":[1,{\"a\":1,\"a\":2}]}");

    @Test
    void judgesEveryValueOfEveryTypeAsJacksonsStrictBinding() {
        List<int[]> spans = valueSpans(REAL);
        assertThat(spans).hasSizeGreaterThan(100);
        int rejected = 0;
        for (int[] span : spans) {
            for (String replacement : REPLACEMENTS) {
                String json = REAL.substring(0, span[0]) + replacement + REAL.substring(span[1]);
                rejected += sameVerdict(json) ? 1 : 0;
            }
        }
        // Most replacements break a rule or a type: the comparison is of real rejections.
        assertThat(rejected).isGreaterThan(spans.size() * REPLACEMENTS.size() / 2);
    }

    @Test
    void judgesRepeatedKeysAsJacksonsStrictBinding() {
        int cases = 0;
        for (int[] object : objectStarts(REAL)) {
            for (String key : keysOf(object[0])) {
                for (String replacement : List.of("null", "1", "\"x\"", "[1]", "{}", "true")) {
                    String property = "\"" + key + "\":" + replacement;
                    int end = closingBrace(object[0]);
                    sameVerdict(REAL.substring(0, object[0] + 1) + property + "," + REAL.substring(object[0] + 1));
                    sameVerdict(REAL.substring(0, end) + "," + property + REAL.substring(end));
                    cases += 2;
                }
            }
        }
        assertThat(cases).isGreaterThan(200);
    }

    @Test
    void judgesRecordsWithFewFieldsAsJacksonsStrictBinding() {
        for (String json : List.of("{}", "{\"sequences\":{}}", "{\"sequences\":{\"questions\":[{}]}}",
                "{\"sequences\":{\"counts\":{\"total\":1,\"total\":\"x\"}}}", "{\"exam_name\":1,\"exam_name\":[]}",
                "{\"sequences\":{\"questions\":[{\"options\":[{\"submitted\":1.0}]}]}}",
                "{\"sequences\":{\"questions\":[{\"options\":{}}]}}", "{\"sequences\":[]}")) {
            sameVerdict(json);
        }
    }

    /** True when the record is rejected; fails when the two readers disagree in any way. */
    private static boolean sameVerdict(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Result expected = JacksonBinding.read(bytes);
        Result actual = AttemptReader.read(bytes);
        if (expected instanceof Accepted a) {
            assertThat(actual).as(json).isInstanceOfSatisfying(Accepted.class,
                    b -> assertThat(b.attempt()).isEqualTo(a.attempt()));
            return false;
        }
        Rejected r = (Rejected) expected;
        assertThat(actual).as(json).isInstanceOfSatisfying(Rejected.class, b -> {
            assertThat(b.problem()).as(json).isEqualTo(r.problem());
            assertThat(b.violations()).as(json).isEqualTo(r.violations());
        });
        return true;
    }

    /** [start, end) of every value in the document, nested ones included, by byte (ASCII here) offset. */
    private static List<int[]> valueSpans(String json) {
        List<int[]> spans = new ArrayList<>();
        try (JsonParser p = parser(json)) {
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.PROPERTY_NAME || t.isStructEnd()) {
                    continue;
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (t.isStructStart()) {
                    int end;
                    try (JsonParser q = parser(json.substring(start))) {
                        q.nextToken();
                        q.skipChildren();
                        end = start + (int) q.currentLocation().getByteOffset();
                    }
                    spans.add(new int[] {start, end});
                } else {
                    spans.add(new int[] {start, (int) p.currentLocation().getByteOffset()});
                }
            }
        }
        return spans;
    }

    /** Every object's opening brace. */
    private static List<int[]> objectStarts(String json) {
        List<int[]> starts = new ArrayList<>();
        try (JsonParser p = parser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    starts.add(new int[] {(int) p.currentTokenLocation().getByteOffset()});
                }
            }
        }
        return starts;
    }

    private static List<String> keysOf(int start) {
        List<String> keys = new ArrayList<>();
        try (JsonParser p = parser(REAL.substring(start))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        }
        return keys;
    }

    private static int closingBrace(int start) {
        try (JsonParser p = parser(REAL.substring(start))) {
            p.nextToken();
            p.skipChildren();
            return start + (int) p.currentTokenLocation().getByteOffset();
        }
    }

    private static JsonParser parser(String json) {
        return JsonFactory.builder().build().createParser(ObjectReadContext.empty(), json.getBytes(StandardCharsets.UTF_8));
    }
}
