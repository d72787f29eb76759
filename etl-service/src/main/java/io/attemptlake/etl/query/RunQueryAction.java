package io.attemptlake.etl.query;

import io.attemptlake.etl.auth.ApiKeyInterceptor;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
@RestController
public class RunQueryAction {

    private final QueryService queries;

    public RunQueryAction(QueryService queries) {
        this.queries = queries;
    }

    @Operation(summary = "Run a read-only SQL query over the caller's views",
            responses = {
                @ApiResponse(responseCode = "200", description = "columns, rows, truncated (JSON) or CSV"),
                @ApiResponse(responseCode = "400", description = "Not SQL, not a query, or a query Spark cannot run"),
                @ApiResponse(responseCode = "422", description = "The query exceeded the time limit")})
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
