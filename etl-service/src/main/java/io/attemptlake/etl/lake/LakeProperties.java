package io.attemptlake.etl.lake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the lake is.
 *
 * @param base the lake's root; tables, run history and staging live under it
 */
@ConfigurationProperties("etl.lake")
public record LakeProperties(@DefaultValue("hdfs://localhost:8020/lake") String base) {
}
