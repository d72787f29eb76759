package io.attemptlake.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.Samples;
import io.attemptlake.model.json.AttemptReader.Accepted;
import io.attemptlake.model.json.AttemptReader.Rejected;
import io.attemptlake.model.rules.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AttemptReaderTest {

    private static final String REAL = Samples.realRecord();

    private static AttemptReader.Result read(String json) {
        return AttemptReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Violation> violations(String json) {
        AttemptReader.Result result = read(json);
        assertThat(result).as("expected a rejection of %s", json).isInstanceOf(Rejected.class);
        return ((Rejected) result).violations();
    }

    @Test
    void acceptsTheRealRecordWithEveryFieldBound() {
        AssessmentAttempt a = ((Accepted) read(REAL)).attempt();

        assertThat(a.keenId()).isEqualTo("5a6745820eb8ab00016be1f1");
        assertThat(a.examName()).isEqualTo("Normal Forms and All That Jazz Master Class");
        assertThat(a.maxAttempts()).isEqualTo("1.0");
        assertThat(a.certification()).isEqualTo("false");
        assertThat(a.sequences().attempt()).isEqualTo(1);
        assertThat(a.sequences().counts().total()).isEqualTo(4);
        assertThat(a.sequences().counts().allCorrect()).isFalse();
        assertThat(a.sequences().questions()).hasSize(4);
        assertThat(a.sequences().questions().get(0).userResult()).isEqualTo("missed_some");
        // Ragged options: the third option of the first question has neither "at" nor "submitted".
        assertThat(a.sequences().questions().get(0).options().get(2).at()).isNull();
        assertThat(a.sequences().questions().get(0).options().get(2).submitted()).isNull();
        assertThat(a.sequences().questions().get(0).options().get(0).submitted()).isEqualTo(1);
    }

    @Test
    void toleratesUnknownFieldsAtEveryLevel() {
        String json = REAL.replace("\"keen_id\":", "\"extra\":{\"x\":[1,2]},\"keen_id\":")
                .replace("\"checked\":true,", "\"checked\":true,\"hover_ms\":12,");
        assertThat(read(json)).isInstanceOf(Accepted.class);
    }

    @Test
    void rejectsNumbersBeyondWhatCanBeRepresented() {
        for (String huge : List.of("9.9e9999999999", "1e400", "99999999999999999999999999")) {
            assertThat(violations(REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":" + huge)
                    .replace("\"keen_id\":", "\"extra\":" + huge + ",\"keen_id\":"))).as(huge).isNotEmpty();
        }
    }

    @Test
    void acceptsARecordWithOnlyTheRequiredFields() {
        String json = """
                {"exam_name":"Learning Git","base_exam_id":"b1","user_exam_id":"u1",
                 "started_at":"2018-01-23T14:23:19.082Z"}""";
        assertThat(read(json)).isInstanceOf(Accepted.class);
    }

    @Test
    void rejectsMissingRequiredFieldsAtTheirPointers() {
        String json = """
                {"exam_name":" ","user_exam_id":"u1","sequences":{"attempt":1}}""";
        assertThat(violations(json)).extracting(Violation::pointer)
                .containsExactly("/base_exam_id", "/exam_name", "/started_at");
    }

    @Test
    void rejectsUnparseableWireFormats() {
        String json = REAL.replace("2018-01-23T14:23:19.082Z", "2018-02-30T14:23:19Z")
                .replace("\"1.0\"", "\"one\"")
                .replace("\"certification\":\"false\"", "\"certification\":\"no\"")
                .replace("\"keen_created_at\":\"1516717442.735266\"", "\"keen_created_at\":\"yesterday\"");
        assertThat(violations(json))
                .containsExactly(
                        new Violation("/certification", "must be \"true\" or \"false\""),
                        new Violation("/keen_created_at", "must be epoch seconds such as \"1516717442.735266\""),
                        new Violation("/max_attempts", "must be a decimal number such as \"1.0\""),
                        new Violation("/started_at", "must be an ISO-8601 instant such as 2018-01-23T14:23:19.082Z"));
    }

    @Test
    void pointsIntoNestedArrays() {
        String json = REAL.replace("\"at\":\"2018-01-23T14:23:30.116Z\"", "\"at\":\"soon\"");
        assertThat(violations(json)).containsExactly(
                new Violation("/sequences/questions/1/options/0/at",
                        "must be an ISO-8601 instant such as 2018-01-23T14:23:19.082Z"));
    }

    @Test
    void rejectsNullArrayElements() {
        String json = REAL.replace("\"questions\":[", "\"questions\":[null,");
        assertThat(violations(json)).extracting(Violation::pointer).containsExactly("/sequences/questions/0");
    }

    @Test
    void rejectsNegativeCounts() {
        String json = REAL.replace("\"unanswered\":0", "\"unanswered\":-99");
        assertThat(violations(json)).extracting(Violation::pointer).containsExactly("/sequences/counts/unanswered");
    }

    @Test
    void rejectsWrongJsonTypesLikeSparkWould() {
        assertThat(violations(REAL.replace("\"attempt\":1", "\"attempt\":\"1\"")))
                .containsExactly(new Violation("/sequences/attempt", "must be an integer"));
        assertThat(violations(REAL.replace("\"attempt\":1", "\"attempt\":1.5")))
                .containsExactly(new Violation("/sequences/attempt", "must be an integer"));
        assertThat(violations(REAL.replace("\"all_correct\":false", "\"all_correct\":0")))
                .containsExactly(new Violation("/sequences/counts/all_correct", "must be true or false"));
        assertThat(violations(REAL.replace("\"all_correct\":false", "\"all_correct\":\"false\"")))
                .containsExactly(new Violation("/sequences/counts/all_correct", "must be true or false"));
        assertThat(violations(REAL.replace("\"exam_name\":\"Normal Forms and All That Jazz Master Class\"",
                "\"exam_name\":{\"en\":\"x\"}")))
                .containsExactly(new Violation("/exam_name", "must not be an object"));
        assertThat(violations("{\"sequences\":\"none\"}")).extracting(Violation::pointer).containsExactly("/sequences");
        assertThat(violations("[1,2]")).extracting(Violation::pointer).containsExactly("");
    }

    @Test
    void readsTopLevelNumbersAsTheirJsonText() {
        AssessmentAttempt a = ((Accepted) read(REAL.replace("\"max_attempts\":\"1.0\"", "\"max_attempts\":1.0")
                .replace("\"certification\":\"false\"", "\"certification\":false"))).attempt();
        assertThat(a.maxAttempts()).isEqualTo("1.0");
        assertThat(a.certification()).isEqualTo("false");
    }

    @Test
    void rejectsDuplicateKeys() {
        List<Violation> violations = violations(REAL.replace("\"keen_id\":", "\"exam_name\":\"other\",\"keen_id\":"));
        assertThat(violations).singleElement().isEqualTo(new Violation("/exam_name", "duplicate key \"exam_name\""));
    }

    @Test
    void rejectsOversizedFields() {
        String json = REAL.replace("Normal Forms and All That Jazz Master Class", "x".repeat(513));
        assertThat(violations(json)).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/exam_name");
            assertThat(v.reason()).contains("512");
        });
    }

    @Test
    void rejectsADuplicateKeyAnywhereEvenInAnUnknownField() {
        assertThat(violations(REAL.replace("\"checked\":true,", "\"checked\":true,\"checked\":false,")))
                .containsExactly(new Violation("/sequences/questions/0/options/0/checked", "duplicate key \"checked\""));
        assertThat(violations(REAL.replace("\"keen_id\":", "\"extra\":{\"a\":1,\"a\":2},\"keen_id\":")))
                .containsExactly(new Violation("/extra/a", "duplicate key \"a\""));
    }

    @Test
    void leavesAStreamAtTheEndOfEachRecordWhateverTheVerdict() {
        String body = "[" + REAL.replace("\"attempt\":1", "\"attempt\":[1]") + ","
                + REAL.replace("\"keen_id\":", "\"exam_name\":\"twice\",\"keen_id\":") + ","
                + REAL.replace("\"unanswered\":0", "\"unanswered\":99999999999") + "," + REAL + "]";
        List<AttemptReader.Result> results = new java.util.ArrayList<>();
        try (tools.jackson.core.JsonParser p = tools.jackson.core.json.JsonFactory.builder().build()
                .createParser(tools.jackson.core.ObjectReadContext.empty(), body.getBytes(StandardCharsets.UTF_8))) {
            p.nextToken();
            while (p.nextToken() == tools.jackson.core.JsonToken.START_OBJECT) {
                results.add(AttemptReader.read(p));
            }
            assertThat(p.currentToken()).isEqualTo(tools.jackson.core.JsonToken.END_ARRAY);
        }

        assertThat(results).extracting(r -> r instanceof Rejected rejected ? rejected.problem().name() : "ACCEPTED")
                .containsExactly("WRONG_TYPE", "DUPLICATE_KEY", "WRONG_TYPE", "ACCEPTED");
        assertThat(results).extracting(r -> r instanceof Rejected rejected ? rejected.violations().get(0).pointer() : "")
                .containsExactly("/sequences/attempt", "/exam_name", "/sequences/counts/unanswered", "");
    }

    @Test
    void readsAWholeMessageOnlyWhenItIsOneObjectAndNothingElse() {
        assertThat(read("\uFEFF" + REAL)).isInstanceOf(Accepted.class);
        assertThat(read(REAL + " \n")).isInstanceOf(Accepted.class);
        for (String notOne : List.of(REAL + " x", "{}{}", "", "null", "\"text\"", "[" + REAL + "]", REAL.substring(0, 100))) {
            assertThat(read(notOne)).as(notOne).isInstanceOfSatisfying(Rejected.class,
                    r -> assertThat(r.problem()).isEqualTo(AttemptReader.Problem.MALFORMED));
        }
    }
}
