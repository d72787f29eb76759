package io.attemptlake.etl.auth;

import io.attemptlake.web.apikey.TenantKeys;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the etl-service, as SHA-256 (hex) of API keys: the admin (runs, every tenant's data)
 * and the tenants, whose keys need the {@code read} scope here (queries, reports, exports) and see
 * their own data only. The same tenant keys as the ingest-service's ({@link TenantKeys}).
 *
 * @param adminKeySha256  the admin key's hash; none (and no adminKeysSha256) means no admin access
 * @param adminKeysSha256 more admin keys, so that the admin's is rotated without downtime
 * @param tenants         tenants[i].id and their keys
 */
@ConfigurationProperties("etl.auth")
public record AuthProperties(String adminKeySha256, @DefaultValue List<String> adminKeysSha256,
                             @DefaultValue List<TenantKeys> tenants) {

    /** Every admin key. */
    public List<String> adminKeys() {
        List<String> all = new ArrayList<>(adminKeysSha256);
        if (adminKeySha256 != null && !adminKeySha256.isBlank()) {
            all.add(0, adminKeySha256);
        }
        return all;
    }
}
