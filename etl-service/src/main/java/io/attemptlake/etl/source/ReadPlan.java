package io.attemptlake.etl.source;

import java.util.ArrayList;
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

    /** Offsets to read, over all partitions (transaction markers and aborted records take offsets too). */
    public long offsets() {
        return end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
    }

    public boolean isEmpty() {
        return end.entrySet().stream().allMatch(e -> start.get(e.getKey()).equals(e.getValue()));
    }

    /** Partitions with something to read, as a JSON array for Spark's "assign". */
    public String partitionsToRead() {
        return end.keySet().stream().filter(p -> end.get(p) > start.get(p))
                .map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    /** The most commits one run makes (commit ids have four digits); a larger backlog is left to the next run. */
    public static final int MAX_CHUNKS = 9999;

    /**
     * The plan cut into as few consecutive chunks of at most {@code maxRecords} offsets as it takes,
     * of near-equal size; empty when there is nothing to read. Offsets are taken partition after
     * partition, so each chunk's end is a complete position to commit. An attempt's copies share a
     * partition (the key is the attempt), so the first copy still lands first. A chunk holding few
     * partitions still gets several tasks: {@code KafkaSource} splits large ranges.
     */
    public List<ReadPlan> chunks(long maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        long total = offsets();
        if (total == 0) {
            return List.of();
        }
        long n = (total + maxRecords - 1) / maxRecords;
        List<ReadPlan> chunks = new ArrayList<>();
        SortedMap<Integer, Long> from = new TreeMap<>(start);
        for (long i = 1; i <= Math.min(n, MAX_CHUNKS); i++) {
            // Offsets taken through chunk i, counted across partitions in order.
            long through = total * i / n;
            SortedMap<Integer, Long> to = new TreeMap<>();
            long before = 0;
            for (var e : end.entrySet()) {
                long s = start.get(e.getKey());
                long span = e.getValue() - s;
                to.put(e.getKey(), s + Math.max(0, Math.min(span, through - before)));
                before += span;
            }
            chunks.add(new ReadPlan(from, to, i == 1 ? skipped : List.of()));
            from = to;
        }
        return chunks;
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
