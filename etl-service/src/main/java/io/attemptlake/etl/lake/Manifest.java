package io.attemptlake.etl.lake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A commit's decision, written once, atomically, before any of its files becomes visible. Once it
 * exists the commit happened: an interrupted publication is rolled forward from it.
 *
 * @param commitId     the commit ({@code RUN-NNN})
 * @param topic        the topic read
 * @param startOffsets per partition, the first offset read
 * @param endOffsets   per partition, the offset after the last one read: where the next commit starts
 * @param files        each staged file and the table file it becomes (paths relative to the base)
 * @param rows         rows per table, as verified before the decision
 * @param decidedAt    when the decision was taken
 */
public record Manifest(String commitId, String topic, SortedMap<Integer, Long> startOffsets,
                       SortedMap<Integer, Long> endOffsets, List<FileMove> files, Map<Table, Long> rows,
                       Instant decidedAt) {

    /** One file: where Spark wrote it, and where it is published. */
    public record FileMove(Table table, String staged, String committed) {
    }
}
