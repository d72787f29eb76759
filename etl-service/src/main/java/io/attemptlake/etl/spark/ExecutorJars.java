package io.attemptlake.etl.spark;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What executors on a cluster need beyond Spark's own jars: the Kafka source and its client. The
 * landing uses only built-in SQL functions, so none of this service's classes are needed there.
 * Jars must be real files the driver can serve; inside a Boot fat jar they are not, so the service
 * runs from its extracted layout on a cluster (see the README).
 */
final class ExecutorJars {

    // One class from each jar the Kafka source needs on executors.
    private static final List<String> MARKERS = List.of(
            "org.apache.spark.sql.kafka010.KafkaSourceProvider",       // spark-sql-kafka-0-10
            "org.apache.spark.kafka010.KafkaConfigUpdater",            // spark-token-provider-kafka-0-10
            "org.apache.kafka.clients.consumer.KafkaConsumer",         // kafka-clients
            "org.apache.commons.pool2.impl.GenericKeyedObjectPool");   // commons-pool2

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
