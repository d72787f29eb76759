package io.attemptlake.web.apikey;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One tenant's API keys as both services configure them ({@code <service>.auth.tenants[i]}), each as
 * the SHA-256 (hex) of the key, never the key: {@code echo -n "$KEY" | sha256sum}. A tenant may hold
 * several keys at once, so that a key is rotated by adding the new one, moving the callers, then
 * removing the old.
 *
 * <pre>
 * tenants[0].id=pearson
 * tenants[0].keys[0].sha256=9f86d08...   tenants[0].keys[0].scopes=ingest
 * tenants[0].keys[1].sha256=60303ae...   tenants[0].keys[1].scopes=read
 * tenants[0].api-key-sha256=...          one key with both scopes (the local stack's)
 * </pre>
 */
public record TenantKeys(String id, String apiKeySha256, @DefaultValue List<Key> keys) {

    /** A key and what it may do: {@code ingest}, {@code read} or both. */
    public record Key(String sha256, @DefaultValue Set<Scope> scopes) {
    }
}
