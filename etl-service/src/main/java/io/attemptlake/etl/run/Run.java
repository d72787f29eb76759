package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.Table;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One ETL run as the API shows it and as {@code _runs/RUN/run.json} keeps it.
 *
 * @param progress    while running: the phase reached, in which of its commits, and Spark's task counts
 * @param counts      what it landed, over all its commits; {@code messagesRead == rawRows + erased},
 *                    {@code rawRows == attempts + duplicatesSkipped + quarantined}
 * @param offsets     per partition, [fromOffset, toOffset) read
 * @param outputs     table → location
 * @param phaseMillis how long each phase took, summed over its commits
 * @param executors   where its Spark tasks ran (executor id, host, tasks); "driver" in local mode
 * @param commits     the commits it landed ({@code <run>-0001}, ...), each at most etl.run.max-records messages
 * @param appended    per tenant table ({@code raw/assessments/tenant=pearson}), the Delta versions its commits wrote
 * @param versions    every tenant table's version as the run left the lake: what a query {@code asOfRun} it reads
 * @param notes       anything an operator should know (skipped offsets, recovery)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(String id, RunStatus status, Instant requestedAt, Instant startedAt, Instant finishedAt,
                  Progress progress, Counts counts, List<PartitionRange> offsets, Map<String, String> outputs,
                  Map<String, Long> phaseMillis, List<Executor> executors, List<String> commits,
                  SortedMap<String, List<Long>> appended, SortedMap<String, Long> versions, String error,
                  List<String> notes) {

    public enum RunStatus { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** @param commit which of the run's commits (1-based) the phase belongs to, of {@code commits} */
    public record Progress(String phase, Integer commit, Integer commits, Integer tasksDone, Integer tasksTotal) {
    }

    /**
     * @param erased messages of learners erased from the lake, dropped: in no table, not even raw
     */
    public record Counts(long messagesRead, long rawRows, long attempts, long questions, long options,
                         long duplicatesSkipped, long quarantined, long erased) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(messagesRead + o.messagesRead, rawRows + o.rawRows, attempts + o.attempts,
                    questions + o.questions, options + o.options, duplicatesSkipped + o.duplicatesSkipped,
                    quarantined + o.quarantined, erased + o.erased);
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

        /** The counts a commit's manifest stands for (every raw row was read; the rest duplicates). */
        public static Counts of(Map<Table, Long> rows, long erased) {
            long raw = rows.getOrDefault(Table.RAW, 0L);
            long attempts = rows.getOrDefault(Table.ATTEMPTS, 0L);
            long quarantined = rows.getOrDefault(Table.QUARANTINE, 0L);
            return new Counts(raw + erased, raw, attempts, rows.getOrDefault(Table.QUESTIONS, 0L),
                    rows.getOrDefault(Table.OPTIONS, 0L), raw - attempts - quarantined, quarantined, erased);
        }
    }

    public record Executor(String id, String host, long tasks) {
    }

    public record PartitionRange(int partition, long fromOffset, long toOffset) {
    }

    public static Run queued(String id, Instant now) {
        return new Run(id, RunStatus.QUEUED, now, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of());
    }

    public boolean finished() {
        return status == RunStatus.SUCCEEDED || status == RunStatus.FAILED;
    }

    public Run running(Instant now) {
        return new Run(id, RunStatus.RUNNING, requestedAt, now, null, new Progress("STARTING", null, null, null, null),
                counts, offsets, outputs, phaseMillis, executors, commits, appended, versions, error, notes);
    }

    public Run withProgress(Progress p) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, p, counts, offsets, outputs, phaseMillis, executors,
                commits, appended, versions, error, notes);
    }

    public Run withOffsets(List<PartitionRange> ranges) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, ranges, outputs, phaseMillis,
                executors, commits, appended, versions, error, notes);
    }

    public Run withPhaseMillis(Map<String, Long> millis) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, millis,
                executors, commits, appended, versions, error, notes);
    }

    public Run withExecutors(List<Executor> ran) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                ran.isEmpty() ? executors : ran, commits, appended, versions, error, notes);
    }

    /**
     * One more commit landed: what it landed, the table versions it appended, and every table's
     * version after it (null: not known).
     */
    public Run withCommit(String commitId, Counts landed, Map<String, Long> wrote, SortedMap<String, Long> lake) {
        List<String> all = new ArrayList<>(commits == null ? List.of() : commits);
        all.add(commitId);
        SortedMap<String, List<Long>> written = new TreeMap<>(appended == null ? Map.of() : appended);
        wrote.forEach((table, version) -> written.merge(table, List.of(version),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress,
                (counts == null ? Counts.NONE : counts).plus(landed), offsets, outputs, phaseMillis, executors,
                List.copyOf(all), written, lake, error, notes);
    }

    public Run withVersions(SortedMap<String, Long> lake) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                executors, commits, appended, lake, error, notes);
    }

    public Run withNote(String note) {
        List<String> all = new ArrayList<>(notes == null ? List.of() : notes);
        all.add(note);
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                executors, commits, appended, versions, error, List.copyOf(all));
    }

    public Run succeeded(Instant now, Map<String, String> where) {
        return new Run(id, RunStatus.SUCCEEDED, requestedAt, startedAt, now, null, counts == null ? Counts.NONE : counts,
                offsets, where, phaseMillis, executors, commits, appended, versions, null, notes);
    }

    public Run failed(Instant now, String why) {
        return new Run(id, RunStatus.FAILED, requestedAt, startedAt, now, null, counts, offsets, outputs, phaseMillis,
                executors, commits, appended, versions, why, notes);
    }
}
