package io.attemptlake.etl.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.ApiDocument;
import io.attemptlake.testsupport.OpenApiLint;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import org.junit.jupiter.api.Test;

/** The API as Swagger UI shows it: named, tagged by resource, every refusal documented with its type. */
@RealKafka
@RealHdfs
class OpenApiDocumentTest {

    @Test
    void documentsTheApiAsAUserMeetsItAndPassesRedoclysRecommendedRules() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            ApiDocument api = new ApiDocument(etl.http().get("/v3/api-docs").body());

            assertThat(api.info("title")).isEqualTo("attempt-lake ETL and query API");
            assertThat(api.info("version")).isEqualTo("v1");
            assertThat(api.info("description")).isNotBlank();
            assertThat(api.paths()).as("the error controller is not an operation").noneMatch(path -> path.startsWith("/error"))
                    .contains("/api/v1/etl/runs", "/api/v1/queries", "/api/v1/reports/summary", "/api/v1/exports/{table}",
                            "/api/v1/erasures", "/api/v1/erasures/{id}", "/api/v1/retention/purges", "/api/v1/compactions");
            assertThat(api.tags()).containsExactlyInAnyOrder("Runs", "Queries", "Reports", "Tables", "Erasures", "Maintenance");
            assertThat(api.json()).as("the API key is Swagger UI's Authorize").contains("\"securitySchemes\"", "\"name\":\"X-API-Key\"");
            assertThat(api.operationsWithoutProblems()).isEmpty();
            assertThat(api.operationsWithoutScope()).as("every action says which keys may call it").isEmpty();
            assertThat(api.undocumentedProblems()).isEmpty();
            assertThat(api.json()).contains("/problems/forbidden-statement", "/problems/run-in-progress",
                    "/problems/run-vacuumed", "/problems/invalid-erasure", "asOfRun",
                    "SELECT exam_name",
                    "\"messagesRead\":3280");

            OpenApiLint.Report report = OpenApiLint.lint(api.json());
            assertThat(report.passed()).as(report.output()).isTrue();
        }
    }
}
