package io.attemptlake.etl.offsets;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run reads: per partition, from {@code start} (inclusive) to {@code end} (exclusive).
 * {@code end} covers every partition of the topic and becomes the committed position.
 *
 * @param skipped offsets that retention deleted before they were landed, when configured to skip
 */
public record ReadPlan(SortedMap<Integer, Long> start, SortedMap<Integer, Long> end, List<String> skipped) {

    public boolean isEmpty() {
        return end.entrySet().stream().allMatch(e -> start.get(e.getKey()).equals(e.getValue()));
    }

    /** Partitions with something to read, as a JSON array for Spark's "assign". */
    public String partitionsToRead() {
        return end.keySet().stream().filter(p -> end.get(p) > start.get(p))
                .map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    /** Only the partitions with something to read. */
    public ReadPlan nonEmptyPartitions() {
        SortedMap<Integer, Long> s = new TreeMap<>();
        SortedMap<Integer, Long> e = new TreeMap<>();
        end.forEach((p, to) -> {
            if (to > start.get(p)) {
                s.put(p, start.get(p));
                e.put(p, to);
            }
        });
        return new ReadPlan(s, e, skipped);
    }
}
