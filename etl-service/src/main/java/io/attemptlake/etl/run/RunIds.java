package io.attemptlake.etl.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Run ids are UTC times to the millisecond ({@code 20261123T101500123Z}): they name directories,
 * and their order is the order of runs, which the offsets rely on. A new id is always greater
 * than the last one, even if the clock stepped back.
 */
final class RunIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    // ReadPlan.MAX_CHUNKS is below it.
    private static final long COMMITS_PER_RUN = 10_000;

    private RunIds() {
    }

    static String next(Instant now, Optional<String> last) {
        Instant at = now;
        if (last.isPresent()) {
            Instant previous = parse(last.get());
            if (!at.isAfter(previous)) {
                at = previous.plusMillis(1);
            }
        }
        return FORMAT.format(at);
    }

    /**
     * The sequence number of a run's {@code commit}-th commit (1-based): its milliseconds, then the
     * commit, so it grows from commit to commit as run ids do. Each tenant table records its appends
     * under it, and never takes one twice.
     */
    static long sequence(String runId, int commit) {
        if (commit < 1 || commit >= COMMITS_PER_RUN) {
            throw new IllegalArgumentException("a run has commits 1 to " + (COMMITS_PER_RUN - 1) + ", not " + commit);
        }
        return parse(runId).toEpochMilli() * COMMITS_PER_RUN + commit;
    }

    static Instant parse(String id) {
        return FORMAT.parse(id, Instant::from);
    }
}
