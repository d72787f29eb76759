package io.attemptlake.model.tenant;

import java.util.regex.Pattern;

/**
 * What a tenant id may be. It names a lake directory ({@code tenant=<id>}), a Kafka header and an
 * HDFS owner, so it is kept path-, SQL- and shell-safe. The ETL applies the same regex to the
 * header of every message.
 */
public final class TenantId {

    public static final String REGEX = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private TenantId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
