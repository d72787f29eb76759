package io.attemptlake.localstack.stack;

import io.attemptlake.model.tenant.ApiKeyHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenants the local stack's services know, and the {@code stack.env} names of their id and
 * key. The tests' fixtures know the same two (test-support's TestTenant), from this one list.
 */
public enum StackTenant {
    PEARSON("pearson", "TENANT_ID", "INGEST_API_KEY"),
    ACME("acme", "TENANT2_ID", "TENANT2_API_KEY");

    private final String id;
    private final String idVariable;
    private final String keyVariable;

    StackTenant(String id, String idVariable, String keyVariable) {
        this.id = id;
        this.idVariable = idVariable;
        this.keyVariable = keyVariable;
    }

    public String id() {
        return id;
    }

    String idVariable() {
        return idVariable;
    }

    String keyVariable() {
        return keyVariable;
    }

    /**
     * The service arguments that give it the tenants of {@code keys}, in this enum's order, under
     * {@code prefix} ({@code ingest.auth} or {@code etl.auth}): {@code --PREFIX.tenants[i].id=...} and
     * {@code ...api-key-sha256=...}. The services are given only the keys' SHA-256.
     */
    public static List<String> arguments(String prefix, Map<StackTenant, String> keys) {
        List<String> args = new ArrayList<>();
        int i = 0;
        for (StackTenant tenant : values()) {
            if (keys.containsKey(tenant)) {
                args.add("--" + prefix + ".tenants[" + i + "].id=" + tenant.id);
                args.add("--" + prefix + ".tenants[" + i + "].api-key-sha256=" + ApiKeyHashes.sha256Hex(keys.get(tenant)));
                i++;
            }
        }
        return args;
    }
}
