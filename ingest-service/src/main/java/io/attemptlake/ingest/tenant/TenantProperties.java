package io.attemptlake.ingest.tenant;

import java.util.List;
import java.util.regex.Pattern;
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

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public record Entry(String id, String apiKeySha256) {
    }

    public TenantProperties {
        for (Entry e : tenants) {
            // The id becomes a lake directory (tenant=<id>): keep it path- and SQL-safe.
            if (e.id() == null || !TENANT_ID.matcher(e.id()).matches()) {
                throw new IllegalArgumentException("tenant id must match " + TENANT_ID + ": " + e.id());
            }
            if (e.apiKeySha256() == null || !SHA256_HEX.matcher(e.apiKeySha256().toLowerCase()).matches()) {
                throw new IllegalArgumentException("tenant " + e.id() + ": api-key-sha256 must be 64 hex digits");
            }
        }
    }
}
