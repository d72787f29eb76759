package io.attemptlake.etl.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on data scientists' queries.
 *
 * @param maxRows   rows returned at most; more are cut and the answer says "truncated"
 * @param timeout   a query still running after this is cancelled
 * @param requestsPerSecond a caller's sustained rate of queries and reports (429 beyond it)
 * @param requestBurst      queries and reports a caller may send at once
 */
@ConfigurationProperties("etl.query")
public record QueryProperties(@DefaultValue("10000") int maxRows, @DefaultValue("30s") Duration timeout,
                              @DefaultValue("10") double requestsPerSecond, @DefaultValue("20") int requestBurst) {
}
