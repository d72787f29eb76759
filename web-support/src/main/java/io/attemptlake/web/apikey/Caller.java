package io.attemptlake.web.apikey;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, from the API key alone: one tenant with the scopes of the key it sent, or the admin.
 *
 * @param tenant null for the admin
 */
public record Caller(String tenant, Set<Scope> scopes) {

    public static final Caller ADMIN = new Caller(null, EnumSet.of(Scope.ADMIN));

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean isAdmin() {
        return tenant == null && scopes.contains(Scope.ADMIN);
    }

    /** The admin may do all; a tenant's key what its scopes say. */
    public boolean may(Scope scope) {
        return isAdmin() || scopes.contains(scope);
    }
}
