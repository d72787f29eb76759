package io.attemptlake.etl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The second half of the pipeline, in the order data flows: {@code source} (the topic) and
 * {@code offsets} (where a run starts and ends) → {@code landing} (Spark transformations) →
 * {@code lake} (staging, commit protocol) → {@code job} (one run's Spark work) → {@code runs} (the
 * HTTP resource and history) → {@code query} (what data scientists read).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EtlApplication {

    public static void main(String[] args) {
        SpringApplication.run(EtlApplication.class, args);
    }
}
