package io.attemptlake.ingest.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Resolves an API key to its tenant. The tenant comes from the key and from nothing else. */
@Component
public class ApiKeys {

    private record Known(Tenant tenant, byte[] keyHash) {
    }

    private final List<Known> known;

    public ApiKeys(TenantProperties properties) {
        this.known = properties.tenants().stream()
                .map(e -> new Known(new Tenant(e.id()), HexFormat.of().parseHex(e.apiKeySha256().toLowerCase())))
                .toList();
    }

    /**
     * Compares the key's hash with every tenant's, always all of them and in constant time, so
     * timing says nothing about which or how much of a key matched.
     */
    public Optional<Tenant> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(apiKey);
        Tenant match = null;
        for (Known k : known) {
            if (MessageDigest.isEqual(hash, k.keyHash()) && match == null) {
                match = k.tenant();
            }
        }
        return Optional.ofNullable(match);
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
