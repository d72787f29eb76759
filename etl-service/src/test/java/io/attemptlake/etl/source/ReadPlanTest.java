package io.attemptlake.etl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
@net.jqwik.api.Tag("fast")
class ReadPlanTest {

    @Test
    void aPlanWithinTheBoundIsOneChunk() {
        ReadPlan plan = plan(List.of(10L, 0L, 5L), List.of(40L, 0L, 25L));
        assertThat(plan.chunks(1000)).containsExactly(plan);
    }

    @Test
    void nothingToReadIsNoChunk() {
        assertThat(plan(List.of(3L, 7L), List.of(3L, 7L)).chunks(10)).isEmpty();
    }

    @Test
    void skippedOffsetsAreReportedOnceWithTheFirstChunk() {
        ReadPlan plan = new ReadPlan(map(List.of(0L)), map(List.of(100L)), List.of("partition 0: [0, 5)"));
        List<ReadPlan> chunks = plan.chunks(30);
        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(0).skipped()).containsExactly("partition 0: [0, 5)");
        assertThat(chunks.subList(1, 4)).allSatisfy(c -> assertThat(c.skipped()).isEmpty());
    }

    @Test
    void aBacklogBeyondTheMostChunksIsLeftForTheNextRun() {
        ReadPlan plan = plan(List.of(0L, 0L), List.of(6000L, 6000L));
        List<ReadPlan> chunks = plan.chunks(1);
        assertThat(chunks).hasSize(ReadPlan.MAX_CHUNKS);
        ReadPlan last = chunks.get(chunks.size() - 1);
        assertThat(last.end()).containsEntry(0, 6000L);
        assertThat(last.end().get(1)).isLessThan(6000L);
        assertThat(chunks).allSatisfy(c -> assertThat(c.offsets()).isEqualTo(1L));
    }

    /**
     * Chunks tile the plan: consecutive, complete positions, none over the bound, as few as the bound
     * allows; past {@link ReadPlan#MAX_CHUNKS} the rest is left for the next run.
     */
    @Property(tries = 500)
    void chunksTileThePlanWithinTheBound(@ForAll @Size(min = 1, max = 6) List<@LongRange(min = 0, max = 5000) Long> starts,
                                         @ForAll @Size(min = 6, max = 6) List<@LongRange(min = 0, max = 5000) Long> spans,
                                         @ForAll @IntRange(min = 1, max = 3000) int maxRecords) {
        List<Long> ends = new java.util.ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            ends.add(starts.get(i) + spans.get(i));
        }
        ReadPlan plan = plan(starts, ends);
        List<ReadPlan> chunks = plan.chunks(maxRecords);
        if (plan.isEmpty()) {
            assertThat(chunks).isEmpty();
            return;
        }
        assertThat(chunks.get(0).start()).isEqualTo(plan.start());
        long fewest = (plan.offsets() + maxRecords - 1) / maxRecords;
        boolean capped = fewest > ReadPlan.MAX_CHUNKS;
        ReadPlan last = chunks.get(chunks.size() - 1);
        if (capped) {
            last.end().forEach((p, to) -> assertThat(to).isLessThanOrEqualTo(plan.end().get(p)));
            assertThat(last.offsets() > 0 && !last.end().equals(plan.end())).isTrue();
        } else {
            assertThat(last.end()).isEqualTo(plan.end());
        }
        for (int i = 0; i < chunks.size(); i++) {
            ReadPlan c = chunks.get(i);
            assertThat(c.end().keySet()).isEqualTo(plan.end().keySet());
            assertThat(c.offsets()).isBetween(0L, (long) maxRecords);
            c.end().forEach((p, to) -> assertThat(to).isGreaterThanOrEqualTo(c.start().get(p)));
            if (i > 0) {
                assertThat(c.start()).isEqualTo(chunks.get(i - 1).end());
            }
        }
        assertThat((long) chunks.size()).isEqualTo(Math.min(fewest, ReadPlan.MAX_CHUNKS));
    }

    private static ReadPlan plan(List<Long> start, List<Long> end) {
        return new ReadPlan(map(start), map(end), List.of());
    }

    private static SortedMap<Integer, Long> map(List<Long> offsets) {
        SortedMap<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < offsets.size(); i++) {
            m.put(i, offsets.get(i));
        }
        return m;
    }
}
