package io.attemptlake.etl.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ETL run as the API shows it and as {@code _runs/RUN/run.json} keeps it.
 *
 * @param progress  while running: the phase reached and Spark's task counts
 * @param counts    what it landed; {@code messagesRead == rawRows == attempts + duplicatesSkipped + quarantined}
 * @param offsets   per partition, [fromOffset, toOffset) read
 * @param outputs   table → location
 * @param phaseMillis how long each phase took
 * @param executors   where its Spark tasks ran (executor id, host, tasks); "driver" in local mode
 * @param notes     anything an operator should know (skipped offsets, recovery)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(String id, RunStatus status, Instant requestedAt, Instant startedAt, Instant finishedAt,
                  Progress progress, Counts counts, List<PartitionRange> offsets, Map<String, String> outputs,
                  Map<String, Long> phaseMillis, List<Executor> executors, String error, List<String> notes) {

    public enum RunStatus { QUEUED, RUNNING, SUCCEEDED, FAILED }

    public record Progress(String phase, Integer tasksDone, Integer tasksTotal) {
    }

    public record Counts(long messagesRead, long rawRows, long attempts, long questions, long options,
                         long duplicatesSkipped, long quarantined) {
    }

    public record Executor(String id, String host, long tasks) {
    }

    public record PartitionRange(int partition, long fromOffset, long toOffset) {
        public long span() {
            return toOffset - fromOffset;
        }
    }

    public static Run queued(String id, Instant now) {
        return new Run(id, RunStatus.QUEUED, now, null, null, null, null, null, null, null, null, null, List.of());
    }

    public boolean finished() {
        return status == RunStatus.SUCCEEDED || status == RunStatus.FAILED;
    }

    public Run running(Instant now) {
        return new Run(id, RunStatus.RUNNING, requestedAt, now, null, new Progress("STARTING", null, null), counts,
                offsets, outputs, phaseMillis, executors, error, notes);
    }

    public Run withProgress(Progress p) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, p, counts, offsets, outputs, phaseMillis, executors, error, notes);
    }

    public Run withOffsets(List<PartitionRange> ranges) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, ranges, outputs, phaseMillis, executors, error, notes);
    }

    public Run withPhaseMillis(Map<String, Long> millis) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, millis, executors, error, notes);
    }

    public Run withExecutors(List<Executor> ran) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                ran.isEmpty() ? executors : ran, error, notes);
    }

    public Run withNote(String note) {
        List<String> all = new ArrayList<>(notes == null ? List.of() : notes);
        all.add(note);
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                executors, error, List.copyOf(all));
    }

    public Run succeeded(Instant now, Counts landed, Map<String, String> where) {
        return new Run(id, RunStatus.SUCCEEDED, requestedAt, startedAt, now, null, landed, offsets, where, phaseMillis, executors, null, notes);
    }

    public Run failed(Instant now, String why) {
        return new Run(id, RunStatus.FAILED, requestedAt, startedAt, now, null, counts, offsets, outputs, phaseMillis, executors, why, notes);
    }
}
