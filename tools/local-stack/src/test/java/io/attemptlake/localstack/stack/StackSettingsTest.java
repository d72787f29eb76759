package io.attemptlake.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class StackSettingsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTheDocumentedPortsAndStateDirectory() {
        StackSettings settings = new StackSettings(ROOT, Map.of());
        assertThat(settings.state()).isEqualTo(Path.of("/repo/.local"));
        assertThat(List.of(settings.kafkaPort(), settings.hdfsRpcPort(), settings.hdfsHttpPort(), settings.ingestPort(),
                settings.etlPort(), settings.sparkMasterPort(), settings.sparkUiPort(), settings.sparkWorkerUiPort()))
                .containsExactly(9092, 8020, 9870, 8081, 8082, 7077, 8080, 8088);
        assertThat(settings.kafkaPorts()).containsExactly(9092, 9094, 9096);
        assertThat(settings.kafkaControllerPorts()).containsExactly(9093, 9095, 9097);
        assertThat(settings.etlHeap()).isEqualTo("3g");
    }

    @Test
    void environmentVariablesMoveEachSetting() {
        StackSettings settings = new StackSettings(ROOT, Map.of("PIPELINE_STATE_DIR", "/tmp/s", "PIPELINE_KAFKA_PORT", "1000",
                "PIPELINE_ETL_JAVA_OPTS", " -Da=1   -Db=2 "));
        assertThat(settings.state()).isEqualTo(Path.of("/tmp/s"));
        assertThat(settings.kafkaPorts()).as("the brokers follow the first port").containsExactly(1000, 1002, 1004);
        assertThat(settings.javaOpts("ETL")).containsExactly("-Da=1", "-Db=2");
        assertThat(settings.javaOpts("INGEST")).isEmpty();
    }

    @Test
    void theBenchMovesEveryPortAndTheStateAwayFromTheUsersStack() {
        StackSettings mine = new StackSettings(ROOT, Map.of("PIPELINE_INGEST_PORT", "8081"));
        StackSettings bench = mine.forBench();
        assertThat(bench.state()).isEqualTo(Path.of("/repo/tools/bench/work/stack"));
        List<Integer> minePorts = ports(mine).toList();
        assertThat(ports(bench)).doesNotContainAnyElementsOf(minePorts).doesNotHaveDuplicates();
        assertThat(bench.etlHeap()).isEqualTo("2g");
    }

    @Test
    void refusesBrokerPortsThatAreNotThree() {
        StackSettings settings = new StackSettings(ROOT, Map.of("PIPELINE_KAFKA_PORTS", "1,2"));
        assertThatThrownBy(settings::kafkaPorts).isInstanceOf(StackFailure.class).hasMessageContaining("three ports each");
        assertThatThrownBy(() -> new StackSettings(ROOT, Map.of("PIPELINE_ETL_PORT", "x")).etlPort())
                .hasMessage("PIPELINE_ETL_PORT must be a port number, not x");
    }

    private static Stream<Integer> ports(StackSettings s) {
        return Stream.concat(Stream.of(s.kafkaPort(), s.kafkaControllerPort(), s.hdfsRpcPort(), s.hdfsHttpPort(), s.ingestPort(),
                        s.etlPort(), s.sparkMasterPort(), s.sparkUiPort(), s.sparkWorkerPort(), s.sparkWorkerUiPort(),
                        s.sparkDriverPort(), s.sparkBlockManagerPort()),
                Stream.concat(s.kafkaPorts().stream().skip(1), s.kafkaControllerPorts().stream().skip(1)));
    }
}
