package io.attemptlake.web.apikey;

import java.util.Locale;

/**
 * What a key may do. A tenant's keys carry {@link #INGEST} (publish, the LMS back end's), {@link #READ}
 * (queries, reports, exports: the data scientists') or both; only the admin's key carries {@link #ADMIN}
 * (runs, and every tenant's data).
 */
public enum Scope {
    INGEST, READ, ADMIN;

    /** As configured and as the answers name it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
