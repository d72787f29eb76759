package io.attemptlake.etl.query;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/queries}: read-only Spark SQL over the views {@code raw_assessments},
 * {@code attempts}, {@code questions}, {@code options}, {@code quarantine} of committed data; a
 * tenant's key sees only that tenant's rows, the admin key all of them. JSON, or CSV with
 * {@code Accept: text/csv}.
 */
@Tag(name = "Queries")
@ProblemResponse(status = 400, type = "invalid-query", when = "The body is not {\"sql\": \"SELECT ...\"}.")
@ProblemResponse(status = 400, type = "invalid-sql", when = "The text is not SQL Spark can parse.")
@ProblemResponse(status = 400, type = "forbidden-statement", when = "The statement is not a query over the views alone.")
@ProblemResponse(status = 400, type = "query-failed", when = "Spark cannot run the query (an unknown column, a type error).")
@ProblemResponse(status = 422, type = "query-timeout", when = "The query ran past the time limit and was cancelled.")
@ProblemResponse(status = 429, type = "rate-limited", when = "This key sends requests faster than it may; retry after Retry-After.")
@RequiresScope(Scope.READ)
@RestController
public class RunQueryAction {

    private final QueryService queries;

    public RunQueryAction(QueryService queries) {
        this.queries = queries;
    }

    @Operation(summary = "Run a read-only SQL query over the caller's views",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = QueryRequest.class),
                    examples = @ExampleObject(name = "most common courses", value = "{\"sql\": \"SELECT exam_name, "
                            + "count(*) AS attempts FROM attempts GROUP BY exam_name ORDER BY attempts DESC LIMIT 5\"}"))),
            responses = {
                @ApiResponse(responseCode = "200", description = "columns, rows, truncated (JSON) or CSV")})
    @PostMapping(path = "/api/v1/queries", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> query(@RequestBody(required = false) QueryRequest request, HttpServletRequest http) {
        if (request == null || request.sql() == null || request.sql().isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query",
                    "Send {\"sql\": \"SELECT ...\"}.");
        }
        QueryResult result;
        try {
            result = queries.run(ApiKeyInterceptor.callerOf(http), request.sql());
        } catch (SqlGuard.Refused e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, e.syntax() ? "invalid-sql" : "forbidden-statement",
                    e.syntax() ? "Invalid SQL" : "Statement not allowed", e.getMessage());
        } catch (QueryService.Failed e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "query-failed", "Query failed", e.getMessage());
        } catch (QueryService.TimedOut e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "query-timeout", "Query time limit", e.getMessage());
        }
        String accept = http.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("X-Truncated", String.valueOf(result.truncated()))
                    .body(Csv.of(result));
        }
        return ResponseEntity.ok(result);
    }
}
