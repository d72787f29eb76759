package io.attemptlake.etl.spark;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process SparkSession (the driver). The same service runs unchanged on a cluster: set
 * {@code master} to {@code spark://host:7077} or {@code k8s://...}.
 *
 * @param master      local[*] (all cores of this machine), spark://..., k8s://...
 * @param driverHost  the address executors use to reach this driver (cluster modes)
 * @param jars        jars executors need beyond Spark's own; empty means "find the Kafka source's
 *                    jars on this service's classpath" (they must be real files, not nested jars)
 * @param conf        any further spark.* settings, passed as is
 */
@ConfigurationProperties("etl.spark")
public record SparkProperties(
        @DefaultValue("local[*]") String master,
        @DefaultValue("attempt-lake-etl") String appName,
        String driverHost,
        @DefaultValue List<String> jars,
        @DefaultValue Map<String, String> conf) {

    public boolean local() {
        return master.startsWith("local");
    }
}
