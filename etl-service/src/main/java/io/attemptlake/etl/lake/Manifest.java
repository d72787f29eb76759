package io.attemptlake.etl.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A commit's decision, written once, atomically, before any of its files becomes visible. Once it
 * exists the commit happened: an interrupted publication is rolled forward from it.
 *
 * @param commitId     the commit ({@code RUN-NNNN})
 * @param sequence     its place in the order of all commits: the transaction version each tenant
 *                     table records its append under, so an append is never made twice
 * @param topic        the topic read
 * @param startOffsets per partition, the first offset read
 * @param endOffsets   per partition, the offset after the last one read: where the next commit starts
 * @param files        each staged file and the table file it becomes (paths relative to the base)
 * @param rows         rows per table, as verified before the decision
 * @param erased       messages read but dropped, their learners erased from the lake
 * @param decidedAt    when the decision was taken
 */
public record Manifest(String commitId, long sequence, String topic, SortedMap<Integer, Long> startOffsets,
                       SortedMap<Integer, Long> endOffsets, List<FileMove> files, Map<Table, Long> rows,
                       long erased, Instant decidedAt) {

    /**
     * One file: where it was written, where it is published, in which tenant table and day, and
     * what it holds (the log records its rows and size).
     */
    public record FileMove(TenantTable table, LocalDate day, String staged, String committed, long rows, long bytes) {
    }
}
