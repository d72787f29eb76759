package io.attemptlake.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.model.Samples;
import io.attemptlake.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"ingest.limits.requests-per-second=0.2", "ingest.limits.request-burst=2"})
class RateLimitTest extends IngestIntegrationTest {

    private Http.Response post(String key) {
        return http().post("/api/v1/assessments", Samples.realRecord(), "X-API-Key", key, "Content-Type", "application/json");
    }

    @Test
    void aTenantOverItsRateIsToldToRetryAndOthersAreNotHeldBack() {
        assertThat(post(PEARSON_KEY).status()).isEqualTo(201);
        assertThat(post(PEARSON_KEY).status()).isEqualTo(201);

        Http.Response limited = post(PEARSON_KEY);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
        assertThat(post(ACME_KEY).status()).isEqualTo(201);
        assertThat(http().post("/api/v1/assessments", "{}", "Content-Type", "application/json").status())
                .as("no key: 401 before any limit").isEqualTo(401);
    }
}
