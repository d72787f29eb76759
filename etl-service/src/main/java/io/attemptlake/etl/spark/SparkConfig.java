package io.attemptlake.etl.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    @Bean
    public SparkDriver sparkDriver(SparkProperties properties) {
        SparkConf conf = new SparkConf()
                .setMaster(properties.master())
                .setAppName(properties.appName())
                .set("spark.ui.enabled", "false")
                // Runs and queries share the executors fairly (pools "runs" and "queries"):
                // a heavy query cannot starve a run, nor a run the queries.
                .set("spark.scheduler.mode", "FAIR")
                // Dates in the lake (ingest_date) are UTC days, whatever the machine's zone.
                .set("spark.sql.session.timeZone", "UTC")
                .set("spark.sql.datetime.java8API.enabled", "true")
                // A run's batches are small next to Spark's default of 200 shuffle partitions.
                .set("spark.sql.shuffle.partitions", "16")
                // A commit's parsed batch is held off the heap (serialized rows): on it, the batch's
                // rows went through every young collection and cost a third of the run's CPU in GC.
                .set("spark.memory.offHeap.enabled", "true")
                .set("spark.memory.offHeap.size", properties.heldMemory())
                // tenant=123 is a tenant id, not a number.
                .set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                // SQL text must never read files by path (queries see only their views).
                .set("spark.sql.runSQLOnFiles", "false")
                .set("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                // Fail fast when HDFS is away instead of retrying for minutes.
                .set("spark.hadoop.ipc.client.connect.max.retries", "3")
                .set("spark.hadoop.ipc.client.connect.retry.interval", "500");
        HDFS_CLOSE.forEach(conf::set);
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
