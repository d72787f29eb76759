package io.attemptlake.system.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** A careful client of a running stack (its stack.env): publishes with retries, runs the ETL. */
final class StackClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String ingestUrl;
    private final String apiKey;
    private final String adminKey;

    StackClient(Map<String, String> stackEnv) {
        this.ingestUrl = stackEnv.get("INGEST_URL");
        this.apiKey = stackEnv.get("INGEST_API_KEY");
        this.adminKey = stackEnv.get("ADMIN_API_KEY");
    }

    /**
     * Posts records as one NDJSON request, retrying with the same Idempotency-Key on 429, 503, 409
     * (in progress), other 5xx and lost connections for up to a minute: "acked" on 201, "gave up",
     * or "refused ..." for any other answer.
     */
    String publish(List<String> records) throws InterruptedException {
        String idempotencyKey = UUID.randomUUID().toString();
        byte[] body = String.join("\n", records).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/assessments"))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-API-Key", apiKey).header("Content-Type", "application/x-ndjson")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 201) {
                    return "acked";
                }
                if (status != 429 && status != 503 && status != 409 && status < 500) {
                    return "refused " + status + " " + response.body();
                }
            } catch (IOException e) {
                // Down or gone mid-request: the outcome is unknown, so retry with the same key.
            }
            Thread.sleep(250);
        }
        return "gave up";
    }

    /** Triggers a run and returns its id (waits while another run is in progress). */
    String trigger(String etlUrl) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(etlUrl + "/api/v1/etl/runs"))
                    .header("X-API-Key", adminKey).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return JSON.readTree(response.body()).get("id").asText();
            }
            if (response.statusCode() != 409) {
                throw new IllegalStateException("trigger answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("a run stayed in progress for minutes");
    }

    JsonNode run(String etlUrl, String runId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(etlUrl + "/api/v1/etl/runs/" + runId))
                .header("X-API-Key", adminKey).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Polls a run until {@code until} holds (or it finished), for at most {@code limit}. */
    JsonNode await(String etlUrl, String runId, Predicate<JsonNode> until, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = run(etlUrl, runId);
            if (until.test(run) || finished(run)) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("run " + runId + " did not get there within " + limit + ": " + run(etlUrl, runId));
    }

    JsonNode awaitFinished(String etlUrl, String runId) throws Exception {
        return await(etlUrl, runId, StackClient::finished, Duration.ofMinutes(10));
    }

    static boolean finished(JsonNode run) {
        String status = run.path("status").asText();
        return status.equals("SUCCEEDED") || status.equals("FAILED");
    }
}
