package io.attemptlake.testsupport;

import io.attemptlake.localstack.stack.StackTenant;
import io.attemptlake.model.tenant.ApiKeyHashes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The tenants a test's services know: ./pipeline's own ({@link StackTenant}), each with a fixed key,
 * one list for every fixture, so that no test spells a tenant's settings out.
 */
public enum TestTenant {
    PEARSON(StackTenant.PEARSON, "pearson-key-0123456789abcdef"),
    ACME(StackTenant.ACME, "acme-key-fedcba9876543210");

    private final StackTenant tenant;
    private final String key;

    TestTenant(StackTenant tenant, String key) {
        this.tenant = tenant;
        this.key = key;
    }

    public String id() {
        return tenant.id();
    }

    /** The API key its callers send, with both scopes (the services are given only its SHA-256). */
    public String key() {
        return key;
    }

    /** A key of the same tenant that may only publish (an LMS back end's). */
    public String ingestOnlyKey() {
        return key + "-ingest";
    }

    /** A key of the same tenant that may only read (a data scientist's). */
    public String readOnlyKey() {
        return key + "-read";
    }

    /**
     * The service arguments that give it {@code tenants}, under {@code prefix} ({@code ingest.auth} or
     * {@code etl.auth}): as ./pipeline's stack gives them, and each tenant's one-scope keys.
     */
    public static List<String> arguments(String prefix, TestTenant... tenants) {
        Map<StackTenant, String> keys = new EnumMap<>(StackTenant.class);
        for (TestTenant t : tenants) {
            keys.put(t.tenant, t.key);
        }
        List<String> args = new ArrayList<>(StackTenant.arguments(prefix, keys));
        int i = 0; // StackTenant numbers the tenants it is given in its order, which is this enum's
        for (TestTenant t : values()) {
            if (!keys.containsKey(t.tenant)) {
                continue;
            }
            String at = "--" + prefix + ".tenants[" + i++ + "].keys";
            args.addAll(List.of(at + "[0].sha256=" + ApiKeyHashes.sha256Hex(t.ingestOnlyKey()), at + "[0].scopes=ingest",
                    at + "[1].sha256=" + ApiKeyHashes.sha256Hex(t.readOnlyKey()), at + "[1].scopes=read"));
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
