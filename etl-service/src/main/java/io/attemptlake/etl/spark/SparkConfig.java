package io.attemptlake.etl.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The driver: one SparkSession for the service's life, local or against a cluster master. */
@Configuration(proxyBeanMethods = false)
public class SparkConfig {

    /** HDFS close retries that start at 25 ms, not 400: why in the file, {@code spark-hdfs-close.properties}. */
    public static final Map<String, String> HDFS_CLOSE = resource("/spark-hdfs-close.properties");

    /** The session's settings whatever the deployment: the service's, and the tests' session's. */
    public static Map<String, String> sessionSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.ui.enabled", "false");
        // Runs and queries share the executors fairly (pools "runs" and "queries"):
        // a heavy query cannot starve a run, nor a run the queries.
        settings.put("spark.scheduler.mode", "FAIR");
        // Dates in the lake (ingest_date) are UTC days, whatever the machine's zone.
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.sql.datetime.java8API.enabled", "true");
        // A run's batches are small next to Spark's default of 200 shuffle partitions.
        settings.put("spark.sql.shuffle.partitions", "16");
        // A commit's parsed batch is held off the heap (serialized rows): on it, the batch's
        // rows went through every young collection and cost a third of the run's CPU in GC.
        settings.put("spark.memory.offHeap.enabled", "true");
        // tenant=123 is a tenant id, not a number.
        settings.put("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        // SQL text must never read files by path (queries see only their views).
        settings.put("spark.sql.runSQLOnFiles", "false");
        // Delta's own commands (DELETE, OPTIMIZE, VACUUM) for erasure, retention and compaction.
        settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Replaying one tenant table's log is small work: Delta's default of 50 tasks per replay made
        // each of those commands' snapshots cost seconds.
        settings.put("spark.databricks.delta.snapshotPartitions", "2");
        // A view reads the files its Delta log names: list them on the driver, not in a Spark job.
        settings.put("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
        settings.put("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
        // Fail fast when HDFS is away instead of retrying for minutes.
        settings.put("spark.hadoop.ipc.client.connect.max.retries", "3");
        settings.put("spark.hadoop.ipc.client.connect.retry.interval", "500");
        settings.putAll(HDFS_CLOSE);
        return settings;
    }

    @Bean
    public SparkDriver sparkDriver(SparkProperties properties) {
        SparkConf conf = new SparkConf()
                .setMaster(properties.master())
                .setAppName(properties.appName())
                .set("spark.memory.offHeap.size", properties.heldMemory());
        sessionSettings().forEach(conf::set);
        setIfPresent(conf, "spark.driver.host", properties.driverHost());
        setIfPresent(conf, "spark.driver.port", properties.driverPort());
        // The driver's own: spark.blockManager.port would also pin the executors' (clashing on one host).
        setIfPresent(conf, "spark.driver.blockManager.port", properties.blockManagerPort());
        setIfPresent(conf, "spark.driver.bindAddress", properties.bindAddress());
        setIfPresent(conf, "spark.executor.memory", properties.executorMemory());
        setIfPresent(conf, "spark.cores.max", properties.coresMax());
        if (!properties.local()) {
            conf.set("spark.jars", ExecutorJars.resolve(properties.jars()));
        }
        properties.conf().forEach(conf::set);
        if (!properties.local()) {
            // Executors get Spark's opens from the driver, and these from us (SparkJvmFlags).
            conf.set("spark.executor.extraJavaOptions",
                    (SparkJvmFlags.systemProperties() + " " + conf.get("spark.executor.extraJavaOptions", "")).trim());
        }
        return SparkDriver.start(conf);
    }

    private static Map<String, String> resource(String name) {
        Properties properties = new Properties();
        try (InputStream in = SparkConfig.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toUnmodifiableMap(key -> key, properties::getProperty));
    }

    private static void setIfPresent(SparkConf conf, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            conf.set(key, value.toString());
        }
    }

    @Bean(destroyMethod = "")
    public SparkSession sparkSession(SparkDriver driver) {
        return driver.session();
    }

    @Bean
    public TaskPlacements taskPlacements(SparkSession session) {
        return TaskPlacements.register(session.sparkContext());
    }
}
