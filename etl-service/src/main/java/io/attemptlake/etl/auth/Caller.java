package io.attemptlake.etl.auth;

/**
 * Who is calling, from the API key alone: the admin (all tenants' data, runs) or one tenant
 * (its own data only).
 *
 * @param tenant null for the admin
 */
public record Caller(String tenant) {

    public static final Caller ADMIN = new Caller(null);

    public boolean isAdmin() {
        return tenant == null;
    }
}
