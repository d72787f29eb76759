package io.attemptlake.etl.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A retention purge, as answered and as its audit entry keeps it ({@code _maintenance/purges/ID.json}).
 *
 * @param requestedBy the admin key that asked, by its id; null when the schedule ran it
 * @param tenants     per tenant purged: the first day kept and the rows removed per table
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Purge(String id, String requestedBy, Instant startedAt, Instant finishedAt, List<TenantPurge> tenants) {

    /** @param keptFrom rows with an earlier ingest_date are gone */
    public record TenantPurge(String tenant, int days, LocalDate keptFrom, Map<String, Long> rowsRemoved) {
    }
}
