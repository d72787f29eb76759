package io.attemptlake.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.system.deploy.Roots;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ./pipeline stays a launcher: the stack's topology, ports, tenants and processes are the supervisor's. */
@Tag("fast")
class PipelineLauncherTest {

    @Test
    void findsAJdkBuildsAndHandsEveryCommandToTheSupervisor() throws IOException {
        List<String> lines = Files.readAllLines(Roots.root().resolve("pipeline"));
        String script = String.join("\n", lines);

        assertThat(lines).as("a thin launcher").hasSizeLessThanOrEqualTo(80);
        assertThat(script).contains("exec \"$JAVA\"", "io.attemptlake.localstack.stack.StackSupervisor \"$@\"");
        assertThat(script).as("what the supervisor owns").doesNotContain("9092", "8020", "8081", "pearson", "acme",
                "kill ", "nohup", "stack.env\"");
    }
}
