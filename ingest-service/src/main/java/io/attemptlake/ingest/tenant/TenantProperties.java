package io.attemptlake.ingest.tenant;

import io.attemptlake.model.tenant.TenantId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tenants and the SHA-256 (hex) of their API keys. Keys themselves are never configured or
 * stored: {@code echo -n "$KEY" | sha256sum}. API keys are long random tokens, so a fast hash is
 * enough (no password stretching needed).
 *
 * <pre>
 * ingest.auth.tenants[0].id=pearson
 * ingest.auth.tenants[0].api-key-sha256=9f86d08...
 * </pre>
 */
@ConfigurationProperties("ingest.auth")
public record TenantProperties(@DefaultValue List<Entry> tenants) {

    public record Entry(String id, String apiKeySha256) {
    }

    public TenantProperties {
        for (Entry e : tenants) {
            // The id becomes a lake directory (tenant=<id>): keep it path- and SQL-safe.
            if (!TenantId.isValid(e.id())) {
                throw new IllegalArgumentException("tenant id must match " + TenantId.REGEX + ": " + e.id());
            }
        }
    }
}
