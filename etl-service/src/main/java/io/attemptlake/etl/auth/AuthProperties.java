package io.attemptlake.etl.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the etl-service, as SHA-256 (hex) of API keys: the admin (runs, all data) and the
 * tenants (their own data only). Same key shape as the ingest-service's tenants.
 *
 * @param adminKeySha256 the admin key's hash; none means no admin access
 * @param tenants        tenants[i].id and tenants[i].api-key-sha256
 */
@ConfigurationProperties("etl.auth")
public record AuthProperties(String adminKeySha256, @DefaultValue List<Tenant> tenants) {

    public record Tenant(String id, String apiKeySha256) {
    }
}
