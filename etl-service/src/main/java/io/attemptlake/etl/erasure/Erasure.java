package io.attemptlake.etl.erasure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * An erasure as answered and as its audit entry keeps it ({@code _maintenance/erasures/ID.json}):
 * who, when, how many learners and rows, never the identifiers erased.
 *
 * @param id           null for a dry run (it is not recorded)
 * @param requestedBy  the admin key that asked, by its id (the first digits of its hash)
 * @param rowsRemoved  per table (view name), the rows removed (a dry run: that would be)
 * @param versions     the tenant tables changed, each at the version that no longer holds the rows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Erasure(String id, String tenant, boolean dryRun, String requestedBy, String reference,
                      Instant requestedAt, Instant finishedAt, int userExamIds, int keenIds,
                      Map<String, Long> rowsRemoved, SortedMap<String, Long> versions) {
}
