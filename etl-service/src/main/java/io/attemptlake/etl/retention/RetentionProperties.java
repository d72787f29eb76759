package io.attemptlake.etl.retention;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each tenant's rows are kept, by {@code ingest_date}.
 *
 * @param days        per tenant, the days its rows are kept ({@code etl.retention.days.pearson=365})
 * @param defaultDays for tenants not named in {@code days}; none: kept for ever
 * @param interval    how often purges run on their own (0: only when the admin asks)
 */
@ConfigurationProperties("etl.retention")
public record RetentionProperties(@DefaultValue Map<String, Integer> days, Integer defaultDays,
                                  @DefaultValue("1d") Duration interval) {

    public RetentionProperties {
        days = Map.copyOf(days);
        days.forEach((tenant, d) -> {
            if (d == null || d < 1) {
                throw new IllegalArgumentException("etl.retention.days." + tenant + " must be at least 1 day");
            }
        });
        if (defaultDays != null && defaultDays < 1) {
            throw new IllegalArgumentException("etl.retention.default-days must be at least 1 day");
        }
    }

    /** The tenant's days, if its rows are not kept for ever. */
    public Optional<Integer> daysOf(String tenant) {
        return Optional.ofNullable(days.getOrDefault(tenant, defaultDays));
    }

    boolean any() {
        return defaultDays != null || !days.isEmpty();
    }
}
