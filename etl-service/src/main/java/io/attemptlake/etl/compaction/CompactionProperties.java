package io.attemptlake.etl.compaction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * When a day of a tenant table is compacted.
 *
 * @param minFiles  a day is compacted once it holds more than this many small files (each run adds
 *                  a file per table and day it touches)
 * @param smallFile a file below this size counts as small
 * @param interval  how often compaction runs on its own (0: only when the admin asks)
 */
@ConfigurationProperties("etl.compaction")
public record CompactionProperties(@DefaultValue("16") int minFiles, @DefaultValue("64MB") DataSize smallFile,
                                   @DefaultValue("6h") Duration interval) {

    public CompactionProperties {
        if (minFiles < 1) {
            throw new IllegalArgumentException("etl.compaction.min-files must be at least 1");
        }
    }
}
