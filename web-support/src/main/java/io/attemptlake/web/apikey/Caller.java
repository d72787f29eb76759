package io.attemptlake.web.apikey;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, from the API key alone: one tenant with the scopes of the key it sent, or the admin.
 *
 * @param tenant null for the admin
 * @param keyId  which key it sent, as its SHA-256's first 12 hex digits: names the key in an audit
 *               record without being it (null where no key is known)
 */
public record Caller(String tenant, Set<Scope> scopes, String keyId) {

    public static final Caller ADMIN = new Caller(null, EnumSet.of(Scope.ADMIN), null);

    private static final int KEY_ID_DIGITS = 12;

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public Caller(String tenant, Set<Scope> scopes) {
        this(tenant, scopes, null);
    }

    /** The caller that the key with this SHA-256 names (the hash itself is checked where it is registered). */
    Caller withKey(String sha256Hex) {
        return new Caller(tenant, scopes, sha256Hex.substring(0, Math.min(KEY_ID_DIGITS, sha256Hex.length())).toLowerCase());
    }

    public boolean isAdmin() {
        return tenant == null && scopes.contains(Scope.ADMIN);
    }

    /** The admin may do all; a tenant's key what its scopes say. */
    public boolean may(Scope scope) {
        return isAdmin() || scopes.contains(scope);
    }
}
