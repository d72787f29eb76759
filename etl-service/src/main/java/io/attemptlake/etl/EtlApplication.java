package io.attemptlake.etl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The second half of the pipeline, in the order data flows: {@code source} (the topic) and
 * {@code offsets} (where a run starts and ends) → {@code landing} (the parse, inside Spark tasks,
 * and the tables as projections of it) → {@code lake} (layout, staging, the commit protocol and
 * each tenant's Delta tables, HDFS access) → {@code run} (scheduling, executing, reconciling and
 * reporting runs; the HTTP resource) → {@code query}, {@code reports} and {@code export} (what data
 * scientists read). Beside the runs, under the same lock: {@code erasure}, {@code retention} and
 * {@code compaction} (Delta's own commands on a tenant's tables). Beside them all: {@code spark}
 * (the driver), {@code auth} (API keys), {@code ops} (readiness, lag), {@code api} (the HTTP
 * surface's wiring: interceptors, OpenAPI). No package depends back on one that depends on it, and
 * this map names them all ({@code PackageStructureTest}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EtlApplication {

    public static void main(String[] args) {
        SpringApplication.run(EtlApplication.class, args);
    }
}
