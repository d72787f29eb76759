package io.attemptlake.etl.offsets;

import io.attemptlake.etl.lake.Manifest;
import io.attemptlake.etl.source.ReadPlan;
import io.attemptlake.etl.source.SourceProperties;
import io.attemptlake.etl.source.TopicOffsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The offsets seam: where a run starts and ends. The start is the end of the last committed
 * run, read from the lake (its manifest), never from Kafka consumer groups or memory: the lake
 * is the truth about what has landed. The end is the topic's last stable offset at planning time.
 */
@Component
public class OffsetPlanner {

    private final TopicOffsets topic;
    private final SourceProperties properties;

    public OffsetPlanner(TopicOffsets topic, SourceProperties properties) {
        this.topic = topic;
        this.properties = properties;
    }

    /**
     * @param lastCommitted the lake's last committed manifest ({@code CommitProtocol.lastCommitted()}), empty before the first run
     * @throws DataLossException when offsets still needed were deleted by retention (unless configured
     *                           to skip), or the topic no longer matches what was landed
     */
    public ReadPlan plan(Optional<Manifest> lastCommitted) {
        SortedMap<Integer, Long> committed = lastCommitted
                .map(Manifest::endOffsets)
                .orElseGet(TreeMap::new);
        TopicOffsets.Snapshot now = topic.snapshot();
        SortedMap<Integer, Long> start = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        for (var partition : now.stable().entrySet()) {
            int p = partition.getKey();
            long earliest = now.earliest().get(p);
            long from = committed.getOrDefault(p, earliest); // first run or new partition: from the beginning
            if (from < earliest) {
                lost.add("partition " + p + ": offsets " + from + ".." + (earliest - 1) + " were deleted by retention");
                from = earliest;
            }
            if (from > partition.getValue()) {
                throw new DataLossException("partition " + p + " ends at " + partition.getValue()
                        + " but offsets up to " + from + " were landed: was the topic recreated?");
            }
            start.put(p, from);
        }
        committed.keySet().stream().filter(p -> !now.stable().containsKey(p)).findFirst().ifPresent(p -> {
            throw new DataLossException("partition " + p + " was landed but no longer exists: was the topic recreated?");
        });
        if (!lost.isEmpty() && properties.onDataLoss() == SourceProperties.OnDataLoss.FAIL) {
            throw new DataLossException(String.join("; ", lost)
                    + ". Nothing was landed. Set etl.source.on-data-loss=SKIP to continue from the earliest offsets.");
        }
        return new ReadPlan(start, now.stable(), List.copyOf(lost));
    }
}
