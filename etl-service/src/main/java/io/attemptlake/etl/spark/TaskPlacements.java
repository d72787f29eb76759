package io.attemptlake.etl.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where the tasks of each job group (an ETL run) ran: executor id and host, from Spark's listener
 * events. On a cluster this is the evidence that work left the driver.
 */
public final class TaskPlacements extends SparkListener {

    /** One executor's share of a job group. */
    public record Placement(String executorId, String host, long tasks) {
    }

    // Posted after a group's jobs: the listener bus delivers in order, so when this arrives every
    // task end of the group has been seen.
    private record Flush(String group, CountDownLatch seen) implements SparkListenerEvent {
        @Override
        public boolean logEvent() {
            return false;
        }
    }

    private final SparkContext context;
    private final Map<Integer, String> groupOfStage = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Placement>> byGroup = new ConcurrentHashMap<>();

    private TaskPlacements(SparkContext context) {
        this.context = context;
    }

    static TaskPlacements register(SparkContext context) {
        TaskPlacements placements = new TaskPlacements(context);
        context.addSparkListener(placements);
        return placements;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        if (submitted.properties() != null) {
            String group = submitted.properties().getProperty("spark.jobGroup.id");
            if (group != null) {
                groupOfStage.put(submitted.stageInfo().stageId(), group);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String group = groupOfStage.get(end.stageId());
        if (group == null || end.taskInfo() == null) {
            return;
        }
        byGroup.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).merge(end.taskInfo().executorId(),
                new Placement(end.taskInfo().executorId(), end.taskInfo().host(), 1),
                (a, b) -> new Placement(a.executorId(), a.host(), a.tasks() + 1));
    }

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof Flush flush) {
            flush.seen().countDown();
        }
    }

    /** The placements of a finished group, sorted by executor id; forgets the group. */
    public List<Placement> take(String group) {
        Flush flush = new Flush(group, new CountDownLatch(1));
        context.listenerBus().post(flush);
        try {
            flush.seen().await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        groupOfStage.values().removeIf(group::equals);
        Map<String, Placement> placed = byGroup.remove(group);
        return placed == null ? List.of() : new ArrayList<>(new TreeMap<>(placed).values());
    }
}
