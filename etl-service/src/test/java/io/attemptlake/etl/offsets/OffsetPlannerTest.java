package io.attemptlake.etl.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.etl.lake.Manifest;
import io.attemptlake.etl.source.ReadPlan;
import io.attemptlake.etl.source.SourceProperties;
import io.attemptlake.etl.source.SourceProperties.OnDataLoss;
import io.attemptlake.etl.source.TopicOffsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where a run starts and ends, against topics of every shape: no broker, no lake. */
@Tag("fast")
class OffsetPlannerTest {

    @Test
    void firstRunReadsEveryPartitionFromItsEarliestOffset() {
        ReadPlan plan = planner(topic(offsets(0, 3), offsets(10, 12)), OnDataLoss.FAIL).plan(Optional.empty());

        assertThat(plan.start()).isEqualTo(offsets(0, 3));
        assertThat(plan.end()).isEqualTo(offsets(10, 12));
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void nextRunStartsWhereTheLastCommitEnded() {
        ReadPlan plan = planner(topic(offsets(0, 0), offsets(50, 40)), OnDataLoss.FAIL)
                .plan(committed(offsets(20, 40)));

        assertThat(plan.start()).isEqualTo(offsets(20, 40));
        assertThat(plan.end()).isEqualTo(offsets(50, 40));
        assertThat(plan.offsets()).isEqualTo(30);
    }

    @Test
    void partitionAddedSinceTheLastCommitIsReadFromItsEarliestOffset() {
        ReadPlan plan = planner(topic(offsets(0, 0, 5), offsets(30, 30, 9)), OnDataLoss.FAIL)
                .plan(committed(offsets(30, 30)));

        assertThat(plan.start()).isEqualTo(offsets(30, 30, 5));
        assertThat(plan.partitionsToRead()).isEqualTo("[2]");
    }

    @Test
    void refusesToRunWhenRetentionDeletedOffsetsNotYetLanded() {
        OffsetPlanner planner = planner(topic(offsets(25, 0), offsets(60, 10)), OnDataLoss.FAIL);

        assertThatThrownBy(() -> planner.plan(committed(offsets(20, 10))))
                .isInstanceOf(DataLossException.class)
                .hasMessageContaining("partition 0: offsets 20..24 were deleted by retention")
                .hasMessageContaining("etl.source.on-data-loss=SKIP");
    }

    @Test
    void skipsDeletedOffsetsWhenToldToAndSaysWhich() {
        ReadPlan plan = planner(topic(offsets(25, 0), offsets(60, 10)), OnDataLoss.SKIP).plan(committed(offsets(20, 10)));

        assertThat(plan.start()).isEqualTo(offsets(25, 10));
        assertThat(plan.skipped()).containsExactly("partition 0: offsets 20..24 were deleted by retention");
    }

    @Test
    void refusesATopicThatEndsBeforeWhatWasLanded() {
        OffsetPlanner planner = planner(topic(offsets(0, 0), offsets(5, 40)), OnDataLoss.SKIP);

        assertThatThrownBy(() -> planner.plan(committed(offsets(20, 40))))
                .isInstanceOf(DataLossException.class).hasMessageContaining("partition 0 ends at 5")
                .hasMessageContaining("recreated");
    }

    @Test
    void refusesATopicThatLostALandedPartition() {
        OffsetPlanner planner = planner(topic(offsets(0), offsets(30)), OnDataLoss.SKIP);

        assertThatThrownBy(() -> planner.plan(committed(offsets(20, 40))))
                .isInstanceOf(DataLossException.class).hasMessageContaining("partition 1 was landed but no longer exists");
    }

    private static OffsetPlanner planner(TopicOffsets topic, OnDataLoss onDataLoss) {
        return new OffsetPlanner(topic, new SourceProperties("unused:9092", "assessments", onDataLoss, null, Duration.ofSeconds(1)));
    }

    /** A topic standing still at the given offsets. */
    private static TopicOffsets topic(SortedMap<Integer, Long> earliest, SortedMap<Integer, Long> stable) {
        return new TopicOffsets() {
            @Override
            public Snapshot snapshot() {
                return new Snapshot(earliest, stable);
            }

            @Override
            public String unreachableReason() {
                return null;
            }
        };
    }

    private static Optional<Manifest> committed(SortedMap<Integer, Long> end) {
        SortedMap<Integer, Long> start = new TreeMap<>();
        end.keySet().forEach(p -> start.put(p, 0L));
        return Optional.of(new Manifest("r1-0001", 1, "assessments", start, end, List.of(), Map.of(), 0, Instant.EPOCH));
    }

    /** Partition i → {@code values[i]}. */
    private static SortedMap<Integer, Long> offsets(long... values) {
        SortedMap<Integer, Long> map = new TreeMap<>();
        for (int p = 0; p < values.length; p++) {
            map.put(p, values[p]);
        }
        return map;
    }
}
