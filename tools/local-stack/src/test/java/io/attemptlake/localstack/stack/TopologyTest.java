package io.attemptlake.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.localstack.stack.Topology.Mode;
import io.attemptlake.model.tenant.ApiKeyHashes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TopologyTest {

    @TempDir
    Path state;

    private Topology topology(Mode mode) {
        StackSettings settings = new StackSettings(Path.of("/repo"), Map.of("PIPELINE_STATE_DIR", state.toString()));
        return new Topology(settings, new StackProcesses(settings.state()), mode);
    }

    @Test
    void startsStorageThenTheServicesInEachMode() {
        assertThat(topology(Mode.LOCAL).all()).extracting(Component::name).containsExactly("kafka", "hdfs", "ingest", "etl");
        assertThat(topology(Mode.CLUSTER).all()).extracting(Component::name).containsExactly("kafka-1", "kafka-2", "kafka-3",
                "namenode", "datanode-1", "datanode-2", "datanode-3", "spark-master", "spark-worker", "ingest", "etl");
    }

    @Test
    void downStopsEveryComponentOfEitherMode() {
        List<String> stopped = Topology.STOP_ORDER.stream().flatMap(List::stream).toList();
        assertThat(stopped).containsAll(topology(Mode.LOCAL).all().stream().map(Component::name).toList())
                .containsAll(topology(Mode.CLUSTER).all().stream().map(Component::name).toList());
        assertThat(stopped.indexOf("etl")).isLessThan(stopped.indexOf("spark-worker"));
        assertThat(stopped.indexOf("spark-worker")).isLessThan(stopped.indexOf("namenode"));
    }

    @Test
    void everyProcessCarriesItsOwnMarker() {
        StackProcesses processes = new StackProcesses(state);
        for (Mode mode : Mode.values()) {
            assertThat(topology(mode).all()).allSatisfy(c -> assertThat(c.command()).contains(processes.marker(c.name())));
        }
    }

    @Test
    void theServicesKnowEveryTenantByTheHashOfItsKey() {
        DevKeys keys = DevKeys.ensure(state);
        List<Component> services = topology(Mode.LOCAL).services(keys);
        for (StackTenant tenant : StackTenant.values()) {
            String hash = ApiKeyHashes.sha256Hex(keys.asEnv().get(tenant.keyVariable()));
            assertThat(services).allSatisfy(c -> assertThat(String.join(" ", c.command()))
                    .contains("tenants[" + tenant.ordinal() + "].id=" + tenant.id())
                    .contains("tenants[" + tenant.ordinal() + "].api-key-sha256=" + hash)
                    .doesNotContain(keys.asEnv().get(tenant.keyVariable())));
        }
        assertThat(DevKeys.ensure(state).asEnv()).as("made once, kept").isEqualTo(keys.asEnv());
    }

    @Test
    void onAClusterTheEtlServiceIsTheMastersClientModeDriverFromItsExtractedJar() {
        Topology cluster = topology(Mode.CLUSTER);
        Component etl = cluster.services(DevKeys.ensure(state)).get(1);
        assertThat(etl.command()).contains("--etl.spark.master=spark://127.0.0.1:7077",
                state.resolve("cluster/etl-app/etl-service.jar").toString());
        assertThat(etl.ports()).containsExactly(8082, 7078, 7079);
        assertThat(cluster.bootstrapServers()).isEqualTo("localhost:9092,localhost:9094,localhost:9096");
        assertThat(topology(Mode.LOCAL).services(DevKeys.ensure(state)).get(1).command()).contains("--etl.spark.master=local[*]");
    }
}
