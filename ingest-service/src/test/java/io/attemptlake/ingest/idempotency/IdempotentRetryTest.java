package io.attemptlake.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.testsupport.Http;
import io.attemptlake.ingest.IngestIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotentRetryTest extends IngestIntegrationTest {

    private static final String PATH = "/api/v1/assessments";

    private Http.Response post(String key, String apiKey, String body) {
        return http().post(PATH, body, "X-API-Key", apiKey, "Content-Type", "application/x-ndjson", "Idempotency-Key", key);
    }

    @Test
    void aRetriedRequestReturnsTheFirstAnswerAndWritesOnce() {
        String body = String.join("\n", AttemptGenerator.records(21, 200).toList());
        String key = UUID.randomUUID().toString();
        int before = committed().size();

        Http.Response first = post(key, PEARSON_KEY, body);
        Http.Response retry = post(key, PEARSON_KEY, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(committed()).hasSize(before + 200);
    }

    @Test
    void theSameKeyForADifferentBodyIsRefused() {
        List<String> records = AttemptGenerator.records(22, 20).toList();
        String key = UUID.randomUUID().toString();
        assertThat(post(key, PEARSON_KEY, String.join("\n", records.subList(0, 10))).status()).isEqualTo(201);

        Http.Response reuse = post(key, PEARSON_KEY, String.join("\n", records.subList(10, 20)));

        assertThat(reuse.status()).isEqualTo(422);
        assertThat(reuse.json().get("type").asString()).isEqualTo("/problems/idempotency-key-reused");
    }

    @Test
    void keysArePerTenant() {
        String body = String.join("\n", AttemptGenerator.records(23, 5).toList());
        String key = UUID.randomUUID().toString();

        Http.Response pearson = post(key, PEARSON_KEY, body);
        Http.Response acme = post(key, ACME_KEY, body);

        assertThat(pearson.status()).isEqualTo(201);
        assertThat(acme.status()).isEqualTo(201);
        assertThat(acme.header("Idempotent-Replayed")).isNull();
        assertThat(acme.json().get("tenant").asString()).isEqualTo("acme");
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKey() {
        String key = UUID.randomUUID().toString();
        assertThat(post(key, PEARSON_KEY, "{\"exam_name\":\"x\"}").status()).isEqualTo(400);

        Http.Response fixed = post(key, PEARSON_KEY, String.join("\n", AttemptGenerator.records(24, 3).toList()));

        assertThat(fixed.status()).isEqualTo(201);
    }

    @Test
    void refusesMalformedKeys() {
        Http.Response response = post("has spaces in it", PEARSON_KEY, "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-idempotency-key");
    }
}
