package io.attemptlake.etl.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RealKafka
@RealHdfs
class OperationsTest {

    @Test
    void reportsReadinessMetricsAndApiDocsAndNothingElse() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            Http http = etl.http();
            Http.Response readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(http.get("/actuator/health").json().get("components").propertyNames())
                    .contains("kafka", "lake", "spark");
            for (String hidden : new String[] {"env", "beans", "heapdump", "configprops", "threaddump"}) {
                assertThat(http.get("/actuator/" + hidden).status()).as(hidden).isEqualTo(404);
            }

            p.topic.publish("pearson", AttemptGenerator.records(3, 20).toList());
            etl.runToCompletion();
            p.topic.publish("pearson", AttemptGenerator.records(4, 5).toList());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = http.get("/actuator/prometheus").body();
                assertThat(metrics).containsPattern("etl_rows_landed_total\\{[^}]*table=\"attempts\"[^}]*} [1-9]");
                assertThat(metrics).contains("etl_run_duration_seconds_count");
                assertThat(metrics).containsPattern("etl_kafka_lag\\{[^}]*partition=\"[0-2]\"[^}]*} [1-9]");
            });
            assertThat(http.get("/v3/api-docs").body()).contains("/api/v1/etl/runs");
        }
    }
}
