package io.attemptlake.etl.compaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A compaction, as answered and as its audit entry keeps it ({@code _maintenance/compactions/ID.json}).
 *
 * @param requestedBy the admin key that asked, by its id; null when the schedule ran it
 * @param days        each tenant table's day rewritten: its files before and after, and the version written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Compaction(String id, String requestedBy, Instant startedAt, Instant finishedAt, List<Day> days) {

    public record Day(String table, LocalDate day, int filesBefore, int filesAfter, long version) {
    }
}
