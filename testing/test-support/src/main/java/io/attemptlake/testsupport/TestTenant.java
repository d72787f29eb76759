package io.attemptlake.testsupport;

import io.attemptlake.model.tenant.ApiKeyHashes;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenants a test's services know, as ./pipeline's stack knows them (pearson and acme), each
 * with a fixed key: one list for every fixture, so no test spells a tenant's settings out.
 */
public enum TestTenant {
    PEARSON("pearson", "pearson-key-0123456789abcdef"),
    ACME("acme", "acme-key-fedcba9876543210");

    private final String id;
    private final String key;

    TestTenant(String id, String key) {
        this.id = id;
        this.key = key;
    }

    public String id() {
        return id;
    }

    /** The API key its callers send (the services are given only its SHA-256). */
    public String key() {
        return key;
    }

    /**
     * The service arguments that give it {@code tenants}, under {@code prefix} ({@code ingest.auth}
     * or {@code etl.auth}): {@code --PREFIX.tenants[i].id=...} and {@code ...api-key-sha256=...}.
     */
    public static List<String> arguments(String prefix, TestTenant... tenants) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < tenants.length; i++) {
            args.add("--" + prefix + ".tenants[" + i + "].id=" + tenants[i].id);
            args.add("--" + prefix + ".tenants[" + i + "].api-key-sha256=" + ApiKeyHashes.sha256Hex(tenants[i].key));
        }
        return args;
    }

    /** The same as {@link #arguments}, for every tenant. */
    public static List<String> all(String prefix) {
        return arguments(prefix, values());
    }

    /** {@code args}, then every tenant's arguments under {@code prefix}. */
    public static String[] withAll(String prefix, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(all(prefix));
        return all.toArray(String[]::new);
    }
}
