package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import org.junit.jupiter.api.Test;

@RealKafka
@RealHdfs
class RateLimitTest {

    @Test
    void queriesOverTheCallersRateAreRefusedWithRetryAfter() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start("--etl.query.requests-per-second=0.01", "--etl.query.request-burst=2")) {
            Http http = etl.http();
            String[] pearson = {"X-API-Key", EtlApp.PEARSON_KEY, "Content-Type", "application/json"};
            assertThat(http.post("/api/v1/queries", "{\"sql\":\"SELECT 1\"}", pearson).status()).isEqualTo(200);
            assertThat(http.get("/api/v1/reports/summary", pearson).status()).isEqualTo(200);

            Http.Response limited = http.post("/api/v1/queries", "{\"sql\":\"SELECT 1\"}", pearson);

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(http.post("/api/v1/queries", "{\"sql\":\"SELECT 1\"}", "X-API-Key", EtlApp.ACME_KEY,
                    "Content-Type", "application/json").status()).as("another tenant").isEqualTo(200);
            assertThat(http.post("/api/v1/queries", "{\"sql\":\"SELECT 1\"}", "Content-Type", "application/json").status())
                    .as("authentication runs before the limit, which counts callers").isEqualTo(401);
            assertThat(http.get("/api/v1/etl/runs", "X-API-Key", EtlApp.ADMIN_KEY).status()).as("runs are not limited")
                    .isEqualTo(200);
        }
    }
}
