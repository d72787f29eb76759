package io.attemptlake.etl;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.json.AttemptReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a tenant's data should show, computed in plain Java from the records it published. */
public final class Expected {

    public final long received;
    public final Map<String, AssessmentAttempt> distinct = new LinkedHashMap<>();
    public final Map<String, Long> receivedPerCourse = new TreeMap<>();
    public final Map<String, Long> distinctPerCourse = new TreeMap<>();

    public Expected(List<String> records) {
        this.received = records.size();
        for (String r : records) {
            AssessmentAttempt a = ((AttemptReader.Accepted) AttemptReader.read(r.getBytes(StandardCharsets.UTF_8))).attempt();
            receivedPerCourse.merge(a.examName(), 1L, Long::sum);
            if (distinct.putIfAbsent(AttemptIdentity.of(a), a) == null) {
                distinctPerCourse.merge(a.examName(), 1L, Long::sum);
            }
        }
    }

    public long duplicates() {
        return received - distinct.size();
    }

    public List<String> mostCommon() {
        long max = receivedPerCourse.values().stream().max(Long::compare).orElseThrow();
        return receivedPerCourse.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey).toList();
    }

    public List<String> leastCommon() {
        long min = receivedPerCourse.values().stream().min(Long::compare).orElseThrow();
        return receivedPerCourse.entrySet().stream().filter(e -> e.getValue() == min).map(Map.Entry::getKey).toList();
    }

    public Instant firstStart() {
        return distinct.values().stream().map(a -> Instant.parse(a.startedAt())).min(Instant::compareTo).orElseThrow();
    }

    public Instant lastStart() {
        return distinct.values().stream().map(a -> Instant.parse(a.startedAt())).max(Instant::compareTo).orElseThrow();
    }

    /** Mean of correct/total over the course's distinct attempts that have counts. */
    public Double meanScore(String course) {
        return distinct.values().stream()
                .filter(a -> a.examName().equals(course) && a.sequences() != null && a.sequences().counts() != null
                        && a.sequences().counts().total() > 0)
                .mapToDouble(a -> (double) a.sequences().counts().correct() / a.sequences().counts().total())
                .average().stream().boxed().findFirst().orElse(null);
    }
}
