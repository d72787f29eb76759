package io.attemptlake.etl.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on data scientists' queries.
 *
 * @param maxRows   rows returned at most; more are cut and the answer says "truncated"
 * @param timeout   a query still running after this is cancelled
 */
@ConfigurationProperties("etl.query")
public record QueryProperties(@DefaultValue("10000") int maxRows, @DefaultValue("30s") Duration timeout) {
}
