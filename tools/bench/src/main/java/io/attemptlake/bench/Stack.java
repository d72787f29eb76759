package io.attemptlake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attemptlake.model.topic.AssessmentsTopic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's stack as a client sees it (stack.env): publish to the ingest, run the ETL, query,
 * and restart the etl-service (cold, or with other settings) as ./pipeline started it.
 */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Map<String, String> env;
    private final Path stateDir;

    /** A finished ETL run: its record, and how long it took by its own clock. */
    record EtlRun(JsonNode record, double seconds) {
        String id() {
            return record.get("id").asText();
        }
    }

    Stack(Path stackEnv) throws IOException {
        this.env = readEnv(stackEnv);
        this.stateDir = stackEnv.toAbsolutePath().getParent();
    }

    String topic() {
        return env.getOrDefault("TOPIC", AssessmentsTopic.DEFAULT_NAME);
    }

    /** As a careful client: 503/429 (a fresh cluster's first transaction, a rate limit) retried with the same key. */
    HttpResponse<String> post(byte[] body, String contentType) throws IOException, InterruptedException {
        return post(body, contentType, true);
    }

    /** As {@link #post(byte[], String)}; without a key when {@code keyed} is false (a retry may then write twice). */
    HttpResponse<String> post(byte[] body, String contentType, boolean keyed) throws IOException, InterruptedException {
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.get("INGEST_URL") + "/api/v1/assessments"))
                    .header("X-API-Key", env.get("INGEST_API_KEY")).header("Content-Type", contentType)
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (keyed) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return r;
            }
            if ((r.statusCode() != 503 && r.statusCode() != 429) || attempt == 60) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
            }
            Thread.sleep(Math.min(1000, 100L * attempt));
        }
    }

    /** Triggers a run and waits for its end. */
    EtlRun runEtl() throws Exception {
        String admin = env.get("ADMIN_API_KEY");
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + "/api/v1/etl/runs"))
                .header("X-API-Key", admin).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("trigger answered " + started.statusCode() + ": " + started.body());
        }
        String id = JSON.readTree(started.body()).get("id").asText();
        while (true) {
            JsonNode run = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + "/api/v1/etl/runs/" + id))
                    .header("X-API-Key", admin).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = run.get("status").asText();
            if (status.equals("FAILED")) {
                throw new IllegalStateException("run " + id + " failed: " + run.path("error").asText());
            }
            if (status.equals("SUCCEEDED")) {
                double seconds = Duration.between(Instant.parse(run.get("startedAt").asText()),
                        Instant.parse(run.get("finishedAt").asText())).toNanos() / 1e9;
                return new EtlRun(run, seconds);
            }
            // The run's own start and finish are what is measured: polling faster only takes CPU from it.
            Thread.sleep(200);
        }
    }

    /** One view's export, every tenant's (admin), read to its end and dropped; its bytes. */
    long export(String view) throws Exception {
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL")
                + "/api/v1/exports/" + view)).header("X-API-Key", env.get("ADMIN_API_KEY")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("export of " + view + " answered " + r.statusCode());
            }
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** Rows of the tenant's raw_assessments landed by {@code runId}, through the query API. */
    long landedBy(String runId) throws Exception {
        return count("SELECT count(*) FROM raw_assessments WHERE run_id = '" + runId + "'", env.get("INGEST_API_KEY"));
    }

    /** Every tenant's rows of a view, through the query API. */
    long count(String view) throws Exception {
        return count("SELECT count(*) FROM " + view, env.get("ADMIN_API_KEY"));
    }

    private long count(String query, String key) throws Exception {
        String sql = "{\"sql\":\"" + query + "\"}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + "/api/v1/queries"))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("rows").get(0).get(0).asLong() : -1;
    }

    boolean ready(String service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(env.get(service) + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(stateDir.resolve("pids/" + component + ".pid")).trim());
    }

    /**
     * Stops the etl-service and starts it again as ./pipeline did, with {@code jvmArgs} added (a
     * setting as -Detl...), then waits until it is ready: a cold engine. Returns the seconds from the
     * start of the process to readiness.
     */
    double restartEtl(List<String> jvmArgs) throws Exception {
        long pid = pid("etl");
        ProcessHandle old = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no etl-service " + pid));
        List<String> command = new ArrayList<>(Arrays.asList(Files.readString(Path.of("/proc/" + pid + "/cmdline"))
                .split("\0")));
        command.removeIf(a -> a.startsWith("-Detl.run.max-records="));
        command.addAll(1, jvmArgs);
        old.destroy();
        old.onExit().get(60, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        Process started = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stateDir.resolve("logs/etl.log").toFile())).start();
        Files.writeString(stateDir.resolve("pids/etl.pid"), String.valueOf(started.pid()), StandardCharsets.UTF_8);
        while (!ready("ETL_URL")) {
            if (!started.isAlive()) {
                throw new IllegalStateException("the etl-service exited while starting; see " + stateDir.resolve("logs/etl.log"));
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    static Map<String, Long> pids(String list) {
        Map<String, Long> pids = new HashMap<>();
        for (String entry : list.split(",")) {
            if (entry.contains("=")) {
                pids.put(entry.substring(0, entry.indexOf('=')), Long.parseLong(entry.substring(entry.indexOf('=') + 1)));
            }
        }
        return pids;
    }
}
