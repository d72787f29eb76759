package io.attemptlake.etl.spark;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process SparkSession (the driver). The same service runs unchanged on a cluster: set
 * {@code master} to {@code spark://host:7077} or {@code k8s://...}.
 *
 * <p>On a cluster, executors connect back to this driver: {@code driverHost} must be an address they
 * can reach, and the two ports fixed so they can be opened (container ports, firewalls).
 *
 * @param master            local[*] (all cores of this machine), spark://host:7077, k8s://...
 * @param driverHost        the address executors use to reach this driver (cluster modes)
 * @param driverPort        the driver's RPC port (cluster modes; default: random)
 * @param blockManagerPort  the driver's block manager port (cluster modes; default: random)
 * @param bindAddress       the address the driver listens on (0.0.0.0 in a container)
 * @param executorMemory    memory per executor (cluster modes)
 * @param coresMax          cores this service may take from a standalone cluster
 * @param jars              jars executors need beyond Spark's own; empty means "the Kafka source's
 *                          jars on this service's classpath" (real files, not nested in a jar)
 * @param conf              any further spark.* settings, passed as is (environment variables
 *                          lowercase keys: use SPRING_APPLICATION_JSON for camelCase ones)
 * @param heldMemory        memory outside the heap for a commit's parsed batch (about 5.5 kB per
 *                          message of the lab's shape; what does not fit goes to local disk), per
 *                          executor: with etl.run.max-records it sizes a commit
 */
@ConfigurationProperties("etl.spark")
public record SparkProperties(
        @DefaultValue("local[*]") String master,
        @DefaultValue("attempt-lake-etl") String appName,
        String driverHost,
        Integer driverPort,
        Integer blockManagerPort,
        String bindAddress,
        String executorMemory,
        Integer coresMax,
        @DefaultValue List<String> jars,
        @DefaultValue Map<String, String> conf,
        @DefaultValue("1g") String heldMemory) {

    public boolean local() {
        return master.startsWith("local");
    }
}
