package io.attemptlake.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.Samples;
import io.attemptlake.model.json.AttemptReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class AttemptGeneratorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static List<String> records;
    private static List<JsonNode> nodes;

    @BeforeAll
    static void generateTheLabSizedFile() {
        records = AttemptGenerator.records(205, 3280).toList();
        nodes = records.stream().map(JSON::readTree).toList();
    }

    @Test
    void isReproducibleFromTheSeed() {
        assertThat(AttemptGenerator.records(205, 3280).toList()).isEqualTo(records);
        assertThat(AttemptGenerator.records(206, 50).toList()).isNotEqualTo(records.subList(0, 50));
    }

    @Test
    void producesExactlyTheRequestedCount() {
        assertThat(records).hasSize(3280);
        assertThat(AttemptGenerator.records(1, 0)).isEmpty();
    }

    @Test
    void everyRecordIsAUsableAttemptForTheModel() {
        assertThat(records).allSatisfy(r ->
                assertThat(AttemptReader.read(r.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AttemptReader.Accepted.class));
    }

    @Test
    void usesTheRealRecordsFieldsAndWireTypes() {
        JsonNode real = JSON.readTree(Samples.realRecord());
        Set<String> realTop = new HashSet<>(real.propertyNames());
        for (JsonNode n : nodes) {
            assertThat(realTop).containsAll(n.propertyNames());
            assertThat(n.get("max_attempts").isString()).isTrue();
            assertThat(n.get("certification").isString()).isTrue();
            assertThat(n.get("keen_timestamp").isString()).isTrue();
            assertThat(n.get("sequences").get("attempt").isInt()).isTrue();
        }
        assertThat(nodes.get(0).propertyNames()).containsAll(List.of("keen_timestamp", "sequences", "exam_name"));
    }

    @Test
    void resendsAboutOnePercentAsExactDuplicates() {
        long distinct = records.stream().distinct().count();
        double duplicateShare = 1 - (double) distinct / records.size();
        assertThat(duplicateShare).isBetween(0.005, 0.02);
        // A duplicate is the same attempt: same keen id, same bytes.
        long distinctIds = nodes.stream().map(n -> n.has("keen_id") ? n.get("keen_id").asString() : "uex:" + n.get("user_exam_id").asString())
                .distinct().count();
        assertThat(distinctIds).isEqualTo(distinct);
    }

    @Test
    void skewsExamPopularityWithALongTail() {
        Map<String, Long> perExam = nodes.stream().collect(Collectors.groupingBy(n -> n.get("exam_name").asString(), Collectors.counting()));
        long top = perExam.values().stream().max(Long::compare).orElseThrow();
        assertThat(perExam.size()).isBetween(60, 100);
        assertThat((double) top / records.size()).isBetween(0.08, 0.2);
        assertThat(perExam.values().stream().filter(c -> c <= 2).count()).isGreaterThanOrEqualTo(3);
        assertThat(perExam.keySet()).anySatisfy(name -> assertThat(name).matches(".*[^\\x00-\\x7F].*"));
        // One base_exam_id per exam name.
        Map<String, Set<String>> ids = new HashMap<>();
        nodes.forEach(n -> ids.computeIfAbsent(n.get("exam_name").asString(), k -> new HashSet<>()).add(n.get("base_exam_id").asString()));
        assertThat(ids.values()).allSatisfy(s -> assertThat(s).hasSize(1));
    }

    @Test
    void variesQuestionsAndRaggedOptions() {
        Set<Integer> questionCounts = new HashSet<>();
        Set<Integer> optionCounts = new HashSet<>();
        Set<Set<String>> optionShapes = new HashSet<>();
        for (JsonNode n : nodes) {
            JsonNode questions = n.get("sequences").get("questions");
            questionCounts.add(questions.size());
            for (JsonNode q : questions) {
                optionCounts.add(q.get("options").size());
                q.get("options").forEach(o -> optionShapes.add(new HashSet<>(o.propertyNames())));
            }
        }
        assertThat(questionCounts).contains(1, 4, 10).allSatisfy(c -> assertThat(c).isBetween(1, 10));
        assertThat(optionCounts).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
        assertThat(optionShapes).contains(Set.of("checked", "id"), Set.of("checked", "id", "correct"),
                Set.of("checked", "at", "id", "submitted", "correct"));
    }

    @Test
    void leavesOutSomeOptionalFields() {
        assertThat(nodes).anySatisfy(n -> assertThat(n.has("keen_id")).isFalse());
        assertThat(nodes).anySatisfy(n -> assertThat(n.get("sequences").has("counts")).isFalse());
        assertThat(nodes).anySatisfy(n -> assertThat(n.get("sequences").get("questions"))
                .anySatisfy(q -> assertThat(q.has("user_result")).isFalse()));
    }

    @Test
    void keepsCountsConsistentWithTheQuestions() {
        for (JsonNode n : nodes) {
            JsonNode counts = n.get("sequences").get("counts");
            if (counts == null) {
                continue;
            }
            JsonNode questions = n.get("sequences").get("questions");
            int correct = 0;
            for (JsonNode q : questions) {
                correct += q.get("user_correct").asBoolean() ? 1 : 0;
            }
            assertThat(counts.get("total").asInt()).isEqualTo(questions.size());
            assertThat(counts.get("correct").asInt()).isEqualTo(correct);
            assertThat(counts.get("all_correct").asBoolean()).isEqualTo(correct == questions.size());
        }
    }

    @Test
    void spansAboutTwoMonthsOfStarts() {
        List<Instant> starts = nodes.stream().map(n -> Instant.parse(n.get("started_at").asString())).sorted().toList();
        assertThat(starts.get(0)).isAfterOrEqualTo(Instant.parse("2017-11-20T00:00:00Z"));
        assertThat(starts.get(starts.size() - 1)).isBefore(Instant.parse("2018-01-28T00:00:01Z"));
        assertThat(Duration.between(starts.get(0), starts.get(starts.size() - 1))).isGreaterThan(Duration.ofDays(60));
    }

    @Test
    void recordsHaveTheRealRecordsSize() {
        double mean = records.stream().mapToInt(r -> r.getBytes(StandardCharsets.UTF_8).length).average().orElseThrow();
        assertThat(mean).isBetween(1500.0, 4500.0); // the real record: 2494 bytes, four questions
    }
}
