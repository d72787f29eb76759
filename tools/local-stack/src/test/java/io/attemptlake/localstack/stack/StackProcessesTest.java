package io.attemptlake.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class StackProcessesTest {

    @TempDir
    Path state;

    private StackProcesses processes;

    // A process whose command line carries the marker (bash's $0), as each of the stack's does.
    private List<String> sleeper(String name, String seconds) {
        return List.of("bash", "-c", "sleep " + seconds + "; true", processes.marker(name));
    }

    @AfterEach
    void killLeftovers() {
        if (processes != null) {
            processes.strays().forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aLaunchedProcessIsFoundByItsPidFileAndStoppedByName() throws Exception {
        processes = new StackProcesses(state);
        processes.launch("kafka", sleeper("kafka", "30"), Map.of());
        assertThat(processes.isRunning("kafka")).isTrue();
        assertThat(Files.readString(processes.log("kafka"))).contains("==== kafka start ");

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        processes.stopTogether(new Console(new PrintStream(said, true)), 5, "kafka", "hdfs");
        assertThat(said.toString()).contains("Stopping kafka (pid ").doesNotContain("hdfs").doesNotContain("killing");
        assertThat(processes.isRunning("kafka")).isFalse();
        assertThat(state.resolve("pids/kafka.pid")).doesNotExist();
    }

    @Test
    void aPidTheSystemReusedForAnotherProcessIsNotOurs() throws Exception {
        processes = new StackProcesses(state);
        Files.createDirectories(state.resolve("pids"));
        Files.writeString(state.resolve("pids/etl.pid"), ProcessHandle.current().pid() + "\n");
        assertThat(processes.isRunning("etl")).isFalse();
        Files.writeString(state.resolve("pids/etl.pid"), "not a pid\n");
        assertThat(processes.isRunning("etl")).isFalse();
    }

    @Test
    void aProcessThatIgnoresTermIsKilledAfterTheTimeout() throws Exception {
        processes = new StackProcesses(state);
        processes.launch("hdfs", List.of("bash", "-c", "trap '' TERM; echo deaf; sleep 30; true", processes.marker("hdfs")),
                Map.of());
        // A TERM sent before bash has set its trap would end it at once, and prove nothing.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(processes.log("hdfs")).contains("deaf") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        processes.stopTogether(new Console(new PrintStream(said, true)), 1, "hdfs");
        assertThat(said.toString()).contains("hdfs did not stop within 1s: killing it");
        assertThat(processes.isRunning("hdfs")).isFalse();
    }

    @Test
    void strayProcessesOfThisStackAreFoundWithoutTheirPidFile() throws Exception {
        processes = new StackProcesses(state);
        processes.launch("executor", sleeper("executor", "30"), Map.of());
        Files.delete(state.resolve("pids/executor.pid"));
        assertThat(processes.strays()).hasSize(1);
        assertThat(new StackProcesses(state.resolve("other")).strays()).as("another stack's").isEmpty();
    }
}
