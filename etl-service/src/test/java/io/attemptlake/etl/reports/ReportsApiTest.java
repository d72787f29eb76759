package io.attemptlake.etl.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Expected;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@RealKafka
@RealHdfs
class ReportsApiTest {

    @Test
    void theCourseReportAndSummaryAnswerTheLabsQuestionsPerTenant() {
        List<String> pearsonRecords = AttemptGenerator.records(205, 3280).toList();
        List<String> acmeRecords = AttemptGenerator.records(9, 300).toList();
        Expected pearson = new Expected(pearsonRecords);
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", pearsonRecords);
            p.topic.publish("acme", acmeRecords);
            p.topic.publishRaw("not json".getBytes(), Map.of("tenant", "pearson"));
            etl.runToCompletion();

            JsonNode courses = etl.http().get("/api/v1/reports/courses", "X-API-Key", EtlApp.PEARSON_KEY).json();
            JsonNode summary = etl.http().get("/api/v1/reports/summary", "X-API-Key", EtlApp.PEARSON_KEY).json();

            assertThat(courses.get("mostCommon")).extracting(JsonNode::asString).containsExactlyElementsOf(pearson.mostCommon());
            assertThat(courses.get("leastCommon")).extracting(JsonNode::asString)
                    .containsExactlyInAnyOrderElementsOf(pearson.leastCommon());
            assertThat(courses.get("courses")).hasSize(pearson.receivedPerCourse.size());
            for (JsonNode c : courses.get("courses")) {
                String name = c.get("course").asString();
                assertThat(c.get("attempts").asLong()).as(name).isEqualTo(pearson.receivedPerCourse.get(name));
                assertThat(c.get("distinctAttempts").asLong()).as(name).isEqualTo(pearson.distinctPerCourse.get(name));
                assertThat(c.get("distinctUsers").asLong()).as(name).isEqualTo(pearson.distinctPerCourse.get(name));
                Double mean = pearson.meanScore(name);
                if (mean == null) {
                    assertThat(c.get("meanScore").isNull()).isTrue();
                } else {
                    assertThat(c.get("meanScore").asDouble()).as(name).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
                }
            }
            assertThat(summary.get("received").asLong()).isEqualTo(pearson.received + 1);
            assertThat(summary.get("distinctAttempts").asLong()).isEqualTo(pearson.distinct.size());
            assertThat(summary.get("duplicates").asLong()).isEqualTo(pearson.duplicates());
            assertThat(summary.get("quarantined").asLong()).isEqualTo(1);
            assertThat(summary.get("courses").asLong()).isEqualTo(pearson.receivedPerCourse.size());
            assertThat(summary.get("firstStartedAt").asString()).isEqualTo(pearson.firstStart().toString());
            assertThat(summary.get("lastStartedAt").asString()).isEqualTo(pearson.lastStart().toString());
            assertThat(summary.get("lastRun").get("id").asString()).isNotEmpty();

            JsonNode acmeSummary = etl.http().get("/api/v1/reports/summary", "X-API-Key", EtlApp.ACME_KEY).json();
            assertThat(acmeSummary.get("received").asLong()).isEqualTo(300);
        }
    }
}
