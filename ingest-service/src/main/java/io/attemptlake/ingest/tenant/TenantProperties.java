package io.attemptlake.ingest.tenant;

import io.attemptlake.web.apikey.TenantKeys;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tenants and their keys' SHA-256 (hex), as web-support's {@link TenantKeys} reads them. Keys
 * themselves are never configured or stored. A key needs the {@code ingest} scope to publish; the
 * others are known here so that a read-only key is told 403, not 401.
 *
 * <pre>
 * ingest.auth.tenants[0].id=pearson
 * ingest.auth.tenants[0].keys[0].sha256=9f86d08...
 * ingest.auth.tenants[0].keys[0].scopes=ingest
 * </pre>
 */
@ConfigurationProperties("ingest.auth")
public record TenantProperties(@DefaultValue List<TenantKeys> tenants) {
}
