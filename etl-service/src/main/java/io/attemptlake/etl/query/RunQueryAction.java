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
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.etl.run.Run;
import io.attemptlake.etl.run.RunScheduler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
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
 * {@code Accept: text/csv}. With {@code asOfRun}, every view reads its tables at the versions that
 * run left (Delta time travel).
 */
@Tag(name = "Queries")
@ProblemResponse(status = 400, type = "invalid-query", when = "The body is not {\"sql\": \"SELECT ...\"}.")
@ProblemResponse(status = 400, type = "invalid-sql", when = "The text is not SQL Spark can parse.")
@ProblemResponse(status = 400, type = "forbidden-statement", when = "The statement is not a query over the views alone.")
@ProblemResponse(status = 400, type = "query-failed", when = "Spark cannot run the query (an unknown column, a type error).")
@ProblemResponse(status = 404, type = "run-not-found", when = "asOfRun names no run.")
@ProblemResponse(status = 409, type = "run-not-readable", when = "asOfRun names a run that did not succeed, or whose versions are not known.")
@ProblemResponse(status = 410, type = "run-vacuumed", when = "The lake as asOfRun left it is gone: an erasure or purge since deleted its files.")
@ProblemResponse(status = 422, type = "query-timeout", when = "The query ran past the time limit and was cancelled.")
@ProblemResponse(status = 503, type = "lake-changed", when = "An erasure or purge changed the tables while the query read them; send it again.")
@ProblemResponse(status = 429, type = "rate-limited", when = "This key sends requests faster than it may; retry after Retry-After.")
@RequiresScope(Scope.READ)
@RestController
public class RunQueryAction {

    private final QueryService queries;
    private final RunScheduler runs;

    public RunQueryAction(QueryService queries, RunScheduler runs) {
        this.queries = queries;
        this.runs = runs;
    }

    @Operation(summary = "Run a read-only SQL query over the caller's views",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = QueryRequest.class),
                    examples = {
                        @ExampleObject(name = "most common courses", value = "{\"sql\": \"SELECT exam_name, "
                                + "count(*) AS attempts FROM attempts GROUP BY exam_name ORDER BY attempts DESC LIMIT 5\"}"),
                        @ExampleObject(name = "as a run left the lake", value = "{\"sql\": \"SELECT count(*) FROM "
                                + "attempts\", \"asOfRun\": \"20261207T101500123Z\"}")})),
            responses = {
                @ApiResponse(responseCode = "200", description = "columns, rows, truncated (JSON) or CSV")})
    @PostMapping(path = "/api/v1/queries", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> query(@RequestBody(required = false) QueryRequest request, HttpServletRequest http) {
        if (request == null || request.sql() == null || request.sql().isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query",
                    "Send {\"sql\": \"SELECT ...\"}.");
        }
        Optional<TableVersions> asOf = Optional.ofNullable(request.asOfRun()).map(this::versionsOf);
        QueryResult result;
        try {
            result = queries.run(ApiKeyInterceptor.callerOf(http), request.sql(), asOf);
        } catch (SqlGuard.Refused e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, e.syntax() ? "invalid-sql" : "forbidden-statement",
                    e.syntax() ? "Invalid SQL" : "Statement not allowed", e.getMessage());
        } catch (QueryService.Failed e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "query-failed", "Query failed", e.getMessage());
        } catch (QueryService.TimedOut e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "query-timeout", "Query time limit", e.getMessage());
        } catch (QueryService.Vacuumed e) {
            if (asOf.isEmpty()) { // an erasure or purge removed files between planning and reading
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "lake-changed", "The lake changed under the query",
                        "An erasure or a purge changed the tables while the query read them; send it again.")
                        .header(HttpHeaders.RETRY_AFTER, "1");
            }
            throw new ProblemException(HttpStatus.GONE, "run-vacuumed", "That state of the lake is gone",
                    "The lake as run " + request.asOfRun() + " left it can no longer be read: an erasure or a purge "
                            + "since deleted files it held. Query the lake as it is now, or as of a later run.");
        }
        String accept = http.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("X-Truncated", String.valueOf(result.truncated()))
                    .body(Csv.of(result));
        }
        return ResponseEntity.ok(result);
    }

    private TableVersions versionsOf(String runId) {
        Run run = runs.find(runId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "run-not-found",
                "No such run", "There is no run " + runId + "."));
        if (run.status() != Run.RunStatus.SUCCEEDED || run.versions() == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "run-not-readable", "That run cannot be read as of",
                    "Run " + runId + " is " + run.status() + (run.versions() == null ? ", and its table versions are not "
                            + "known" : "") + ": query as of a run that succeeded.");
        }
        return TableVersions.byPath(run.versions());
    }
}
