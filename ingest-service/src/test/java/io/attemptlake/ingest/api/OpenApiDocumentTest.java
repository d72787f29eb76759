package io.attemptlake.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.testsupport.ApiDocument;
import io.attemptlake.testsupport.OpenApiLint;
import org.junit.jupiter.api.Test;

/** The API as Swagger UI shows it: named, tagged by resource, every refusal documented with its type. */
class OpenApiDocumentTest extends IngestIntegrationTest {

    private ApiDocument document() {
        return new ApiDocument(http().get("/v3/api-docs").body());
    }

    @Test
    void namesTheApiAndTagsItsOperationsByResource() {
        ApiDocument api = document();

        assertThat(api.info("title")).isEqualTo("attempt-lake ingest API");
        assertThat(api.info("version")).isEqualTo("v1");
        assertThat(api.info("description")).isNotBlank();
        assertThat(api.paths()).as("the error controller is not an operation").containsExactly("/api/v1/assessments");
        assertThat(api.tags()).containsExactly("Assessments");
        assertThat(api.json()).as("the API key is Swagger UI's Authorize").contains("\"securitySchemes\"", "\"name\":\"X-API-Key\"");
    }

    @Test
    void documentsEveryProblemResponseWithItsType() {
        ApiDocument api = document();

        assertThat(api.operationsWithoutProblems()).isEmpty();
        assertThat(api.operationsWithoutScope()).as("every action says which keys may call it").isEmpty();
        assertThat(api.undocumentedProblems()).isEmpty();
        assertThat(api.json()).contains("/problems/invalid-records", "/problems/outcome-unknown", "/problems/unauthorized");
    }

    @Test
    void passesRedoclysRecommendedRules() {
        OpenApiLint.Report report = OpenApiLint.lint(document().json());

        assertThat(report.passed()).as(report.output()).isTrue();
    }
}
