package io.attemptlake.etl.spark;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What executors on a cluster need beyond Spark's own jars, as an application's jar and its
 * dependencies: the landing's classes (this service's, and common-model's reader and rules, with
 * the Jackson 3 streaming parser they read with and the constraint annotations they judge by), the Kafka source
 * with its client, and Delta's Spark classes (erasure, retention and compaction are Delta commands). Jars must be real files the driver can serve; inside a Boot fat jar they are not,
 * so the service runs from its extracted layout on a cluster (see the README).
 */
final class ExecutorJars {

    // One class from each jar executors need.
    private static final List<String> MARKERS = List.of(
            "io.attemptlake.etl.landing.MessageParser",                // this service
            "io.attemptlake.model.json.AttemptReader",                 // common-model
            "tools.jackson.core.JsonParser",                           // jackson-core 3
            "jakarta.validation.constraints.NotNull",                  // the rules' annotations
            "org.apache.spark.sql.kafka010.KafkaSourceProvider",       // spark-sql-kafka-0-10
            "org.apache.spark.kafka010.KafkaConfigUpdater",            // spark-token-provider-kafka-0-10
            "org.apache.kafka.clients.consumer.KafkaConsumer",         // kafka-clients
            "org.apache.commons.pool2.impl.GenericKeyedObjectPool",    // commons-pool2
            "io.delta.tables.DeltaTable",                              // delta-spark: its commands' tasks
            "io.delta.storage.LogStore");                              // delta-storage

    private ExecutorJars() {
    }

    static String resolve(List<String> configured) {
        if (!configured.isEmpty()) {
            return String.join(",", configured);
        }
        List<String> jars = new ArrayList<>();
        for (String marker : MARKERS) {
            jars.add(jarOf(marker));
        }
        return String.join(",", jars);
    }

    private static String jarOf(String className) {
        try {
            URL location = Class.forName(className).getProtectionDomain().getCodeSource().getLocation();
            if (!"file".equals(location.getProtocol()) || !Files.isRegularFile(Path.of(location.toURI()))) {
                throw new IllegalStateException("The jar of " + className + " is not a file (" + location + "): on a "
                        + "cluster run the service from its extracted layout, or set etl.spark.jars");
            }
            return location.toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + className, e);
        }
    }
}
