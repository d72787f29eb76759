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
 * @param notes     anything an operator should know (skipped offsets, recovery)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(String id, RunStatus status, Instant requestedAt, Instant startedAt, Instant finishedAt,
                  Progress progress, Counts counts, List<PartitionRange> offsets, Map<String, String> outputs,
                  Map<String, Long> phaseMillis, String error, List<String> notes) {

    public enum RunStatus { QUEUED, RUNNING, SUCCEEDED, FAILED }

    public record Progress(String phase, Integer tasksDone, Integer tasksTotal) {
    }

    public record Counts(long messagesRead, long rawRows, long attempts, long questions, long options,
                         long duplicatesSkipped, long quarantined) {
    }

    public record PartitionRange(int partition, long fromOffset, long toOffset) {
        public long span() {
            return toOffset - fromOffset;
        }
    }

    public static Run queued(String id, Instant now) {
        return new Run(id, RunStatus.QUEUED, now, null, null, null, null, null, null, null, null, List.of());
    }

    public boolean finished() {
        return status == RunStatus.SUCCEEDED || status == RunStatus.FAILED;
    }

    public Run running(Instant now) {
        return new Run(id, RunStatus.RUNNING, requestedAt, now, null, new Progress("STARTING", null, null), counts,
                offsets, outputs, phaseMillis, error, notes);
    }

    public Run withProgress(Progress p) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, p, counts, offsets, outputs, phaseMillis, error, notes);
    }

    public Run withOffsets(List<PartitionRange> ranges) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, ranges, outputs, phaseMillis, error, notes);
    }

    public Run withPhaseMillis(Map<String, Long> millis) {
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, millis, error, notes);
    }

    public Run withNote(String note) {
        List<String> all = new ArrayList<>(notes == null ? List.of() : notes);
        all.add(note);
        return new Run(id, status, requestedAt, startedAt, finishedAt, progress, counts, offsets, outputs, phaseMillis,
                error, List.copyOf(all));
    }

    public Run succeeded(Instant now, Counts landed, Map<String, String> where) {
        return new Run(id, RunStatus.SUCCEEDED, requestedAt, startedAt, now, null, landed, offsets, where, phaseMillis, null, notes);
    }

    public Run failed(Instant now, String why) {
        return new Run(id, RunStatus.FAILED, requestedAt, startedAt, now, null, counts, offsets, outputs, phaseMillis, why, notes);
    }
}
