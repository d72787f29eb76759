package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.Table;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One ETL run as the API shows it and as {@code _runs/RUN/run.json} keeps it.
 *
 * @param progress    while running: the phase reached, in which of its commits, and Spark's task counts
 * @param counts      what it landed, over all its commits;
 *                    {@code messagesRead == rawRows == attempts + duplicatesSkipped + quarantined}
 * @param offsets     per partition, [fromOffset, toOffset) read
 * @param outputs     table → location
 * @param phaseMillis how long each phase took, summed over its commits
 * @param executors   where its Spark tasks ran (executor id, host, tasks); "driver" in local mode
 * @param commits     the commits it landed ({@code <run>-0001}, ...), each at most etl.run.max-records messages
 * @param notes       anything an operator should know (skipped offsets, recovery)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(String id, RunStatus status, Instant requestedAt, Instant startedAt, Instant finishedAt,
                  Progress progress, Counts counts, List<PartitionRange> offsets, Map<String, String> outputs,
                  Map<String, Long> phaseMillis, List<Executor> executors, List<String> commits, String error,
                  List<String> notes) {

    public enum RunStatus { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** @param commit which of the run's commits (1-based) the phase belongs to, of {@code commits} */
    public record Progress(String phase, Integer commit, Integer commits, Integer tasksDone, Integer tasksTotal) {
    }

    public record Counts(long messagesRead, long rawRows, long attempts, long questions, long options,
                         long duplicatesSkipped, long quarantined) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(messagesRead + o.messagesRead, rawRows + o.rawRows, attempts + o.attempts,
                    questions + o.questions, options + o.options, duplicatesSkipped + o.duplicatesSkipped,
                    quarantined + o.quarantined);
        }

        /** Rows per table: what a commit's files are verified against and its manifest records. */
        public Map<Table, Long> rows() {
            Map<Table, Long> rows = new EnumMap<>(Table.class);
            rows.put(Table.RAW, rawRows);
            rows.put(Table.ATTEMPTS, attempts);
            rows.put(Table.QUESTIONS, questions);
            rows.put(Table.OPTIONS, options);
            rows.put(Table.QUARANTINE, quarantined);
            return rows;
        }

        /** The counts a commit's manifest rows stand for (every raw row was read; the rest duplicates). */
        public static Counts of(Map<Table, Long> rows) {
            long raw = rows.getOrDefault(Table.RAW, 0L);
            long attempts = rows.getOrDefault(Table.ATTEMPTS, 0L);
            long quarantined = rows.getOrDefault(Table.QUARANTINE, 0L);
            return new Counts(raw, raw, attempts, rows.getOrDefault(Table.QUESTIONS, 0L),
                    rows.getOrDefault(Table.OPTIONS, 0L), raw - attempts - quarantined, quarantined);
        }
    }

    public record Executor(String id, String host, long tasks) {
    }

    public record PartitionRange(int partition, long fromOffset, long toOffset) {
    }

    public static Run queued(String id, Instant now) {
        return new Run(id, RunStatus.QUEUED, now, null, null, null, null, null, null, null, null, null, null, List.of());
    }

    public boolean finished() {
        return status == RunStatus.SUCCEEDED || status == RunStatus.FAILED;
    }

    public Run running(Instant now) {
        return new Run(id, RunStatus.RUNNING, requestedAt, now, null, new Progress("STARTING", null, null, null, null),
                counts, offsets, outputs, phaseMillis, executors, commits, error, notes);
    }

    public Run withProgress(Progress p) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, p, counts, offsets, outputs, phaseMillis, executors,
                commits, error, notes);
    }

    public Run withOffsets(List<PartitionRange> ranges) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, ranges, outputs, phaseMillis,
                executors, commits, error, notes);
    }

    public Run withPhaseMillis(Map<String, Long> millis) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, millis,
                executors, commits, error, notes);
    }

    public Run withExecutors(List<Executor> ran) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                ran.isEmpty() ? executors : ran, commits, error, notes);
    }

    /** One more commit landed, and what it landed. */
    public Run withCommit(String commitId, Counts landed) {
        List<String> all = new ArrayList<>(commits == null ? List.of() : commits);
        all.add(commitId);
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress,
                (counts == null ? Counts.NONE : counts).plus(landed), offsets, outputs, phaseMillis, executors,
                List.copyOf(all), error, notes);
    }

    public Run withNote(String note) {
        List<String> all = new ArrayList<>(notes == null ? List.of() : notes);
        all.add(note);
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                executors, commits, error, List.copyOf(all));
    }

    public Run succeeded(Instant now, Map<String, String> where) {
        return new Run(id, RunStatus.SUCCEEDED, requestedAt, startedAt, now, null, counts == null ? Counts.NONE : counts,
                offsets, where, phaseMillis, executors, commits, null, notes);
    }

    public Run failed(Instant now, String why) {
        return new Run(id, RunStatus.FAILED, requestedAt, startedAt, now, null, counts, offsets, outputs, phaseMillis,
                executors, commits, why, notes);
    }
}
