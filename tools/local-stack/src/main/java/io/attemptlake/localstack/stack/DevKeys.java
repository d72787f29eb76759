package io.attemptlake.localstack.stack;

import io.attemptlake.model.tenant.ApiKeyHashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dev keys for this local stack only: random, made once, kept in {@code keys.env} (mode 600), so that
 * they survive down and up. One per tenant, and the admin's.
 */
final class DevKeys {

    private final Map<String, String> values;

    private DevKeys(Map<String, String> values) {
        this.values = values;
    }

    static DevKeys ensure(Path state) {
        Path file = state.resolve("keys.env");
        if (!Files.exists(file)) {
            Map<String, String> made = new LinkedHashMap<>();
            for (StackTenant tenant : StackTenant.values()) {
                made.put(tenant.idVariable(), tenant.id());
                made.put(tenant.keyVariable(), "dev-" + tenant.id() + "-" + randomHex());
            }
            made.put("ADMIN_API_KEY", "dev-admin-" + randomHex());
            EnvFile.writePrivate(file, made);
        }
        return new DevKeys(EnvFile.read(file));
    }

    Map<StackTenant, String> tenantKeys() {
        Map<StackTenant, String> keys = new EnumMap<>(StackTenant.class);
        for (StackTenant tenant : StackTenant.values()) {
            keys.put(tenant, values.get(tenant.keyVariable()));
        }
        return keys;
    }

    String adminKeySha256() {
        return ApiKeyHashes.sha256Hex(values.get("ADMIN_API_KEY"));
    }

    /** The tenants' ids and keys and the admin key, as stack.env names them. */
    Map<String, String> asEnv() {
        return values;
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
