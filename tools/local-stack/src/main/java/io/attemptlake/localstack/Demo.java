package io.attemptlake.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.localstack.stack.EnvFile;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./pipeline demo}: what a tenant and a data scientist do, against the running local stack.
 * Generates a realistic dataset, publishes it in ONE NDJSON request (several beyond 48 MB), triggers an ETL run, follows
 * its progress, and prints the first answers, computed from the landed tables through the query API.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> env;

    private Demo(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        Args options = new Args(args);
        Map<String, String> env = EnvFile.read(Path.of(options.get("stack-env", ".local/stack.env")));
        long records = Long.parseLong(options.get("records", "3280"));
        long seed = Long.parseLong(options.get("seed", "205"));
        Path work = Path.of(options.get("work", ".local/demo"));
        try {
            new Demo(env).run(records, seed, work);
        } catch (DemoFailed e) {
            System.err.println("demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Below the ingest's 64 MB request limit, so that any --records can be published. */
    private static final int REQUEST_BYTES = 48 << 20;

    /**
     * Where the file's request bodies start and end, each at most {@link #REQUEST_BYTES} and cut at a
     * line's end: one body for the lab's size. Only offsets, so that one body at a time is in memory.
     */
    private static List<long[]> requests(Path file) throws IOException {
        List<long[]> ranges = new ArrayList<>();
        long start = 0;
        long lineStart = 0;
        long position = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                position++;
                if (b == '\n') {
                    if (position - start > REQUEST_BYTES && lineStart > start) {
                        ranges.add(new long[] {start, lineStart});
                        start = lineStart;
                    }
                    lineStart = position;
                }
            }
        }
        if (position > start) {
            ranges.add(new long[] {start, position});
        }
        return ranges;
    }

    private static byte[] read(Path file, long[] range) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer body = ByteBuffer.allocate((int) (range[1] - range[0]));
            while (body.hasRemaining()) {
                if (channel.read(body, range[0] + body.position()) < 0) {
                    throw new EOFException(file + " ended before byte " + range[1]);
                }
            }
            return body.array();
        }
    }

    private void run(long records, long seed, Path work) throws Exception {
        Path file = work.resolve("attempts-" + seed + "-" + records + ".ndjson");
        if (!Files.exists(file)) {
            Files.createDirectories(work);
            say("Generating %,d realistic assessment attempts (seed %d) ...", records, seed);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AttemptGenerator generator = new AttemptGenerator(seed, records);
                while (generator.hasNext()) {
                    out.write(generator.next());
                    out.write('\n');
                }
            }
        }
        List<long[]> requests = requests(file);
        say("Publishing %s (%,d bytes) to the ingest-service as tenant %s, in %s ...", file.getFileName(),
                Files.size(file), env.get("TENANT_ID"), requests.size() == 1 ? "one NDJSON request"
                        : String.format("%d NDJSON requests (at most %d MB each)", requests.size(), REQUEST_BYTES >> 20));
        for (int i = 0; i < requests.size(); i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> published = send(HttpRequest.newBuilder(URI.create(env.get("INGEST_URL") + "/api/v1/assessments"))
                    .header("X-API-Key", env.get("INGEST_API_KEY"))
                    .header("Content-Type", "application/x-ndjson")
                    // The same dataset twice is the same requests: the second time, nothing is written again.
                    .header("Idempotency-Key", "demo-" + seed + "-" + records + (requests.size() == 1 ? "" : "-" + (i + 1)))
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(read(file, requests.get(i)))).build(), 201);
            JsonNode body = JSON.readTree(published.body());
            boolean replayed = published.headers().firstValue("Idempotent-Replayed").isPresent();
            say("  %,d records durably in topic %s%s in %.1f s: %s", body.get("accepted").asLong(), body.get("topic").asText(),
                    replayed ? " (already published earlier: replayed, not written again)" : "",
                    (System.nanoTime() - t0) / 1e9, partitions(body));
        }

        say("Triggering an ETL run ...");
        JsonNode run = JSON.readTree(send(etl("/api/v1/etl/runs", env.get("ADMIN_API_KEY"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202).body());
        String id = run.get("id").asText();
        String last = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            run = JSON.readTree(send(etl("/api/v1/etl/runs/" + id, env.get("ADMIN_API_KEY")).GET().build(), 200).body());
            String status = run.get("status").asText();
            String line = "  run " + id + ": " + status + progress(run);
            if (!line.equals(last)) {
                say(line);
                last = line;
            }
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailed("the run did not finish within 30 minutes");
            }
            Thread.sleep(1000);
        }
        if (run.get("status").asText().equals("FAILED")) {
            throw new DemoFailed("run " + id + " failed: " + run.path("error").asText());
        }
        JsonNode c = run.get("counts");
        Duration took = Duration.between(java.time.Instant.parse(run.get("startedAt").asText()),
                java.time.Instant.parse(run.get("finishedAt").asText()));
        say("  the run took %.1f s, in %d commit(s)", took.toMillis() / 1000.0, run.path("commits").size());
        say("  landed: %,d messages read = %,d raw rows = %,d attempts + %,d duplicates + %,d quarantined; "
                        + "%,d questions, %,d options", c.get("messagesRead").asLong(), c.get("rawRows").asLong(),
                c.get("attempts").asLong(), c.get("duplicatesSkipped").asLong(), c.get("quarantined").asLong(),
                c.get("questions").asLong(), c.get("options").asLong());
        List<String> placed = new ArrayList<>();
        run.path("executors").forEach(e -> placed.add(e.get("id").asText().equals("driver")
                ? e.get("tasks").asLong() + " in the driver (local[*])"
                : e.get("tasks").asLong() + " in executor " + e.get("id").asText() + " on " + e.get("host").asText()));
        say("  Spark tasks: %s", String.join(", ", placed));

        String key = env.get("INGEST_API_KEY");
        JsonNode summary = JSON.readTree(send(etl("/api/v1/reports/summary", key).GET().build(), 200).body());
        JsonNode courses = JSON.readTree(send(etl("/api/v1/reports/courses", key).GET().build(), 200).body());
        JsonNode top = courses.get("courses").get(0);
        say("");
        say("What %s's data scientists ask first, answered from the landed tables (GET /api/v1/reports/...):", env.get("TENANT_ID"));
        say("  How many assessments?        %,d received, %,d distinct (%,d sent twice, %,d quarantined)",
                summary.get("received").asLong(), summary.get("distinctAttempts").asLong(),
                summary.get("duplicates").asLong(), summary.get("quarantined").asLong());
        say("  How many took the top course? %,d attempts (%,d distinct) at \"%s\"", top.get("attempts").asLong(),
                top.get("distinctAttempts").asLong(), top.get("course").asText());
        say("  Most common course:          %s", join(courses.get("mostCommon")));
        say("  Least common course(s):      %s (%,d attempt%s each)", join(courses.get("leastCommon")),
                courses.get("courses").get(courses.get("courses").size() - 1).get("attempts").asLong(),
                courses.get("courses").get(courses.get("courses").size() - 1).get("attempts").asLong() == 1 ? "" : "s");
        say("  Date span of the attempts:   %s to %s", summary.get("firstStartedAt").asText(), summary.get("lastStartedAt").asText());
        say("  Courses:                     %,d", summary.get("courses").asLong());

        String sql = "SELECT exam_name, count(*) AS attempts, round(avg(score), 3) AS mean_score FROM attempts "
                + "GROUP BY exam_name ORDER BY attempts DESC LIMIT 5";
        JsonNode answer = JSON.readTree(send(etl("/api/v1/queries", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql)))).build(), 200).body());
        say("");
        say("And any SQL (POST /api/v1/queries): %s", sql);
        for (JsonNode row : answer.get("rows")) {
            say("  %-62s %6d  %s", row.get(0).asText(), row.get(1).asLong(), row.get(2).asText());
        }
        say("");
        say("Report page: %s/  (paste the key INGEST_API_KEY from .local/stack.env)", env.get("ETL_URL"));
    }

    private HttpRequest.Builder etl(String path, String key) {
        return HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + path)).header("X-API-Key", key)
                .timeout(Duration.ofMinutes(2));
    }

    private static HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new DemoFailed(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response;
    }

    private static String progress(JsonNode run) {
        JsonNode p = run.get("progress");
        if (p == null || p.isNull()) {
            return "";
        }
        String tasks = p.hasNonNull("tasksTotal") ? " (" + p.get("tasksDone").asInt() + "/" + p.get("tasksTotal").asInt()
                + " Spark tasks)" : "";
        return ", " + p.get("phase").asText().toLowerCase().replace('_', ' ') + tasks;
    }

    private static String partitions(JsonNode body) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : body.get("partitions")) {
            sb.append(sb.isEmpty() ? "" : ", ").append("partition ").append(p.get("partition").asInt()).append(" offsets ")
                    .append(p.get("firstOffset").asLong()).append("..").append(p.get("lastOffset").asLong());
        }
        return sb.toString();
    }

    private static String join(JsonNode array) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return String.join(", ", names);
    }

    private static void say(String format, Object... args) {
        System.out.println(args.length == 0 ? format : String.format(format, args));
    }

    /** The demo cannot go on; the message says why. */
    private static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message);
        }
    }
}
