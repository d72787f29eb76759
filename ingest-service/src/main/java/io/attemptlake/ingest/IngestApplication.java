package io.attemptlake.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The first half of the pipeline: tenants POST assessment attempts; each request's records are
 * authenticated ({@code tenant}), validated, rate-limited and read ({@code intake}), made
 * retry-safe ({@code idempotency}) and written to Kafka in one transaction ({@code publish}).
 * Beside them: {@code readiness} (topics created, transactions proven) and {@code api} (the HTTP
 * surface's wiring). Dependencies point one way, {@code api} → {@code intake} → {@code idempotency}
 * → {@code publish} → {@code tenant}; {@code PackageStructureTest} keeps them so, and keeps this
 * map naming them all.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
