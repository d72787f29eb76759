package io.attemptlake.etl;

import io.attemptlake.etl.spark.SparkConfig;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM, configured like the service's. Services started by tests
 * find it running and leave it running when they stop, as they would any session they did not start.
 */
public final class SparkTestSession {

    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("etl-tests");
            SparkConfig.sessionSettings().forEach(builder::config);
            builder.config("spark.sql.shuffle.partitions", "4")
                    .config("spark.memory.offHeap.size", "1g")
                    // The JVM has one URL stream handler factory and Tomcat needs it: a session made
                    // before the first service would take it and every later service start would fail.
                    .config("spark.sql.defaultUrlStreamHandlerFactory.enabled", "false");
            spark = builder.getOrCreate();
        }
        return spark;
    }
}
