package io.attemptlake.model.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys are configured and kept only as SHA-256 hashes (hex). API keys are long random tokens,
 * so a fast hash is enough; no password stretching. A presented key is compared with every known
 * hash, always all of them, in constant time: timing tells nothing about which or how much matched.
 *
 * A principal may hold several keys (a rotation); a key names one principal only.
 *
 * @param <P> what a key identifies (a tenant, the admin)
 */
public final class ApiKeyHashes<P> {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private record Known<P>(P principal, byte[] hash) {
    }

    private final List<Known<P>> hashes = new ArrayList<>();

    /** Registers the hex SHA-256 of the key that identifies {@code principal}. */
    public ApiKeyHashes<P> add(P principal, String sha256Hex) {
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException(principal + ": the key hash must be 64 hex digits (SHA-256)");
        }
        byte[] hash = HexFormat.of().parseHex(sha256Hex.toLowerCase());
        if (hashes.stream().anyMatch(k -> Arrays.equals(k.hash(), hash) && !k.principal().equals(principal))) {
            throw new IllegalArgumentException(principal + ": this key hash is already another's; each key names one caller");
        }
        hashes.add(new Known<>(principal, hash));
        return this;
    }

    public Optional<P> match(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(apiKey);
        P match = null;
        for (Known<P> known : hashes) {
            if (MessageDigest.isEqual(hash, known.hash()) && match == null) {
                match = known.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
