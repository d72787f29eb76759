package io.attemptlake.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The first half of the pipeline: tenants POST assessment attempts; each request's records are
 * authenticated ({@code tenant}), validated and read ({@code intake}), and written to Kafka in one
 * transaction ({@code publish}), retry-safely ({@code idempotency}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
