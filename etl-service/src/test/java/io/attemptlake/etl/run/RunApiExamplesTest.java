package io.attemptlake.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The run shown as the API's example is a run: every field is one of Run's, and its counts add up. */
@Tag("fast")
class RunApiExamplesTest {

    @Test
    void theExampleReadsAsARunWhoseCountsAddUp() throws Exception {
        Run run;
        try (InputStream in = RunApiExamples.class.getResourceAsStream(RunApiExamples.FILE)) {
            run = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, Run.class);
        }

        assertThat(run.status()).isEqualTo(Run.RunStatus.SUCCEEDED);
        Run.Counts c = run.counts();
        assertThat(c.messagesRead()).isEqualTo(c.rawRows() + c.erased());
        assertThat(c.rawRows()).isEqualTo(c.attempts() + c.duplicatesSkipped() + c.quarantined());
        assertThat(run.appended().keySet()).allMatch(table -> run.versions().get(table) >= run.appended().get(table).get(0));
        assertThat(run.commits()).allMatch(commit -> commit.startsWith(run.id() + "-"));
        assertThat(run.offsets().stream().mapToLong(r -> r.toOffset() - r.fromOffset()).sum())
                .as("offsets read, transaction markers included").isGreaterThanOrEqualTo(c.messagesRead());
        assertThat(RunApiExamples.load()).containsKeys("id", "status", "counts", "offsets", "phaseMillis");
    }
}
