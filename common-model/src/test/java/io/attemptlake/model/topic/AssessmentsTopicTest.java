package io.attemptlake.model.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.AssessmentAttempt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AssessmentsTopicTest {

    @Test
    void keysMessagesPerTenantAndAttempt() {
        AssessmentAttempt withKeenId = new AssessmentAttempt("5a67", null, null, "2018-01-23T14:23:19.082Z", "b", "u1", "e",
                null, null, null);
        AssessmentAttempt withoutKeenId = new AssessmentAttempt(null, null, null, "2018-01-23T14:23:19.082Z", "b", "u1", "e",
                null, null, null);

        assertThat(AssessmentsTopic.key("pearson", withKeenId)).isEqualTo("pearson/5a67");
        assertThat(AssessmentsTopic.key("acme", withoutKeenId)).isEqualTo("acme/uex:u1");
    }
}
