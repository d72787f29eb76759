package io.attemptlake.etl.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs go.
 *
 * @param maxRecords the most messages one commit lands. A larger backlog is landed in several
 *                   commits by one run, so memory stays bounded: a commit's parsed messages are
 *                   held by Spark until its tables are written (about 5.5 kB per message of the
 *                   lab's shape, off the heap: etl.spark.held-memory, 1g by default, fits 150,000)
 * @param warmup     the engine is warmed at start, before readiness goes UP
 * @param keyIndexMax the most landed attempts the driver keeps fingerprints of (16 bytes each:
 *                   10 million take 160 MB of its heap) to dedupe without reading history; past
 *                   it, each run reads the batch tenants' landed keys instead
 */
@ConfigurationProperties("etl.run")
public record RunProperties(@DefaultValue("150000") long maxRecords, @DefaultValue Warmup warmup,
                            @DefaultValue("10000000") long keyIndexMax) {

    public RunProperties {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("etl.run.max-records must be at least 1");
        }
    }

    /**
     * @param enabled  off only where start-up time matters more than the first run's
     * @param records  synthetic messages the warm-up lands, through the same code as a run
     * @param scratch  where it writes them: never the lake; by default a temporary local directory
     */
    public record Warmup(@DefaultValue("true") boolean enabled, @DefaultValue("3000") int records, String scratch) {
    }
}
