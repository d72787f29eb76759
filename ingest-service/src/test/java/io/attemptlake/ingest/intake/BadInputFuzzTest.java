package io.attemptlake.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.model.Samples;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ten thousand generated bad or odd requests ({@link BadRequests}; reproduce one with
 * {@code -Dfuzz.seed=S}): each is answered with a 2xx or a 4xx problem+json, never a 5xx, and the
 * topic holds exactly the records of the 2xx answers: nothing of a refused request.
 * Limits are lowered so bombs and huge bodies cross them cheaply; the rate limit is lifted.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
@TestPropertySource(properties = {"ingest.limits.requests-per-second=1000000", "ingest.limits.request-burst=1000000",
        "ingest.limits.max-request-size=8MB", "ingest.limits.max-decoded-size=32MB"})
class BadInputFuzzTest extends IngestIntegrationTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // What is kept of an answered case: its name, never its body. Ten thousand bodies, some of
    // megabytes, would crowd the heap that the service under test shares.
    private record Outcome(String kind, String sent, RawHttp.Response response) {
    }

    @Test
    void everyBadOrOddRequestGetsA4xxProblemOrA2xxAndOnlyAcceptedRecordsReachKafka() throws Exception {
        List<String> records = Stream.concat(Stream.of(Samples.realRecord().strip()), AttemptGenerator.records(SEED, 60)).toList();
        BadRequests generator = new BadRequests(SEED, records, PEARSON_KEY);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            int index = i;
            futures.add(clients.submit(() -> {
                BadRequests.Case sent = generator.next(index);
                return new Outcome(sent.kind(), sent.toString(), RawHttp.send(port, sent.request()));
            }));
        }
        Map<String, int[]> byKind = new TreeMap<>(); // kind → [tried, 2xx, 4xx]
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        Map<String, Long> acceptedByRequest = new java.util.HashMap<>();
        for (Future<Outcome> future : futures) {
            Outcome o = future.get();
            int status = o.response().status();
            int[] counts = byKind.computeIfAbsent(o.kind(), k -> new int[3]);
            counts[0]++;
            byStatus.merge(status, 1, Integer::sum);
            if (status >= 200 && status < 300) {
                counts[1]++;
                JsonNode created = JSON.readTree(o.response().body());
                acceptedByRequest.put(created.get("requestId").asString(), created.get("accepted").asLong());
            } else if (status >= 400 && status < 500 && isProblem(o.response())) {
                counts[2]++;
            } else {
                violations.add(o.sent() + " → " + status + " " + o.response().header("Content-Type") + " "
                        + o.response().bodyText().substring(0, Math.min(300, o.response().bodyText().length())));
            }
        }
        clients.shutdown();
        byKind.forEach((kind, c) -> System.out.printf("fuzz %-15s tried %5d  2xx %4d  4xx %5d%n", kind, c[0], c[1], c[2]));
        long accepted = acceptedByRequest.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("fuzz statuses " + byStatus + ", records accepted " + accepted + ", seed " + SEED);

        assertThat(violations).as("seed %d: requests not answered 2xx or 4xx problem+json", SEED).isEmpty();
        assertThat(byKind).hasSize(16).allSatisfy((kind, c) -> assertThat(c[0]).as(kind).isGreaterThanOrEqualTo(CASES / 200));
        assertThat(byKind.values().stream().mapToInt(c -> c[2]).sum()).as("refused").isGreaterThan(CASES * 8 / 10);
        for (String neverValid : List.of("invalid-utf8", "truncated", "nul-bytes", "gzip-bomb", "duplicate-keys", "cut-midway")) {
            assertThat(byKind.get(neverValid)[1]).as("%s requests accepted", neverValid).isZero();
        }
        Map<String, Long> inTopic = committed().stream().collect(java.util.stream.Collectors.groupingBy(
                record -> new String(record.headers().lastHeader(AssessmentsTopic.REQUEST_ID_HEADER).value(), java.nio.charset.StandardCharsets.UTF_8),
                java.util.stream.Collectors.counting()));
        java.util.Set<String> requests = new java.util.TreeSet<>(inTopic.keySet());
        requests.addAll(acceptedByRequest.keySet());
        List<String> mismatches = requests.stream()
                .filter(id -> !java.util.Objects.equals(inTopic.get(id), acceptedByRequest.get(id)))
                .map(id -> id + ": answered " + acceptedByRequest.get(id) + ", in the topic " + inTopic.get(id)).toList();
        assertThat(mismatches).as("records per request in the topic: those of 2xx answers, all of them, nothing else")
                .isEmpty();
    }

    private static boolean isProblem(RawHttp.Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem = JSON.readTree(response.body());
        return problem.get("status").asInt() == response.status() && problem.hasNonNull("title");
    }
}
