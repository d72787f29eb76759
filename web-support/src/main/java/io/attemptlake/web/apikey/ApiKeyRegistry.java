package io.attemptlake.web.apikey;

import io.attemptlake.model.tenant.ApiKeyHashes;
import io.attemptlake.model.tenant.TenantId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Every key a service knows, each naming its caller: the admin's keys and each tenant's. The tenant
 * comes from the key and from nothing else. Configuration that is not safe fails at start.
 */
public final class ApiKeyRegistry {

    private final ApiKeyHashes<Caller> hashes = new ApiKeyHashes<>();

    /**
     * @param adminKeysSha256 the admin's keys (none: no admin access)
     */
    public ApiKeyRegistry(List<String> adminKeysSha256, List<TenantKeys> tenants) {
        adminKeysSha256.forEach(hash -> hashes.add(Caller.ADMIN.withKey(hash), hash));
        for (TenantKeys tenant : tenants) {
            // The id becomes a lake directory (tenant=<id>): keep it path- and SQL-safe.
            if (!TenantId.isValid(tenant.id())) {
                throw new IllegalArgumentException("tenant id must match " + TenantId.REGEX + ": " + tenant.id());
            }
            if (tenant.apiKeySha256() != null && !tenant.apiKeySha256().isBlank()) {
                hashes.add(new Caller(tenant.id(), EnumSet.of(Scope.INGEST, Scope.READ)).withKey(tenant.apiKeySha256()),
                        tenant.apiKeySha256());
            }
            for (TenantKeys.Key key : tenant.keys()) {
                if (key.scopes().isEmpty() || key.scopes().contains(Scope.ADMIN)) {
                    throw new IllegalArgumentException(tenant.id() + ": each key needs its scopes, ingest and/or read");
                }
                hashes.add(new Caller(tenant.id(), key.scopes()).withKey(key.sha256()), key.sha256());
            }
        }
    }

    public Optional<Caller> match(String apiKey) {
        return hashes.match(apiKey);
    }
}
