package io.attemptlake.ingest.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.testsupport.TestTenant;
import io.attemptlake.testsupport.Http;
import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.model.Samples;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationTest extends IngestIntegrationTest {

    private static final String PATH = "/api/v1/assessments";
    private static final String REAL = Samples.realRecord();

    @Test
    void refusesRequestsWithoutAKeyBeforeReadingThem() {
        Http.Response response = http().post(PATH, "not even json", "Content-Type", "text/plain");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("X-API-Key");
        assertThat(response.json().get("detail").asString()).contains("missing");
    }

    @Test
    void refusesUnknownKeys() {
        int before = committed().size();
        Http.Response response = http().post(PATH, REAL, "X-API-Key", PEARSON_KEY + "x", "Content-Type", "application/json");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("The API key is not valid.");
        assertThat(committed()).hasSize(before);
    }

    @Test
    void refusesAKeyThatMayOnlyReadWithoutWritingAnything() {
        int before = committed().size();
        Http.Response response = http().post(PATH, REAL, "X-API-Key", TestTenant.PEARSON.readOnlyKey(),
                "Content-Type", "application/json");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(response.json().get("detail").asString()).contains("ingest scope");
        assertThat(committed()).hasSize(before);
    }

    @Test
    void acceptsEveryKeyOfTheTenantThatMayPublish() {
        Http.Response response = http().post(PATH, REAL, "X-API-Key", TestTenant.PEARSON.ingestOnlyKey(),
                "Content-Type", "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("tenant").asString()).isEqualTo("pearson");
    }

    @Test
    void takesTheTenantFromTheKeyAndFromNothingElse() {
        // The body claims to be Pearson's; the key is Acme's: Acme it is.
        String claimsPearson = REAL.replace("{\"keen_timestamp\"", "{\"tenant\":\"pearson\",\"keen_timestamp\"");

        Http.Response response = http().post(PATH, claimsPearson, "X-API-Key", ACME_KEY,
                "Content-Type", "application/json", "tenant", "pearson");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("tenant").asString()).isEqualTo("acme");
        ConsumerRecord<byte[], byte[]> record = committed().get(0);
        assertThat(new String(record.headers().lastHeader(AssessmentsTopic.TENANT_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("acme");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).startsWith("acme/");
        assertThat(record.headers().headers("tenant")).hasSize(1);
    }
}
