package io.attemptlake.etl.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/** Owns the SparkSession: stops it at shutdown, unless it was already running when we started. */
public final class SparkDriver implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SparkDriver.class);

    private final SparkSession session;
    private final boolean owned;

    private SparkDriver(SparkSession session, boolean owned) {
        this.session = session;
        this.owned = owned;
    }

    static SparkDriver start(SparkConf conf) {
        // Logback's packaging data (on under Spring Boot) loads the class of every frame of a logged
        // stack trace through the thread's context class loader. HDFS writer threads started from
        // Spark tasks inherit Spark's ExecutorClassLoader, which throws an Error when interrupted:
        // a WARN from a failing write (e.g. a quota) could then kill the writer. Jar names are not worth it.
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.setPackagingDataEnabled(false);
        }
        boolean owned = SparkSession.getDefaultSession().isEmpty();
        log.info("Starting SparkSession with master {}{}", conf.get("spark.master"),
                conf.contains("spark.jars") ? "; executors fetch " + conf.get("spark.jars") : "");
        return new SparkDriver(SparkSession.builder().config(conf).getOrCreate(), owned);
    }

    public SparkSession session() {
        return session;
    }

    @Override
    public void destroy() {
        if (owned) {
            session.stop();
        }
    }
}
