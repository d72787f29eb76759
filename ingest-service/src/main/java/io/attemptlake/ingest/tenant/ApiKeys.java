package io.attemptlake.ingest.tenant;

import io.attemptlake.model.tenant.ApiKeyHashes;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Resolves an API key to its tenant. The tenant comes from the key and from nothing else. */
@Component
public class ApiKeys {

    private final ApiKeyHashes<Tenant> hashes = new ApiKeyHashes<>();

    public ApiKeys(TenantProperties properties) {
        properties.tenants().forEach(e -> hashes.add(new Tenant(e.id()), e.apiKeySha256()));
    }

    public Optional<Tenant> authenticate(String apiKey) {
        return hashes.match(apiKey);
    }
}
