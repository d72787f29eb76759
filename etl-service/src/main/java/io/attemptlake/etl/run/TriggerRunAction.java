package io.attemptlake.etl.run;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/etl/runs}: start a run (admin). */
@Tag(name = "Runs")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 409, type = "run-in-progress", when = "Another run is in progress (named in the answer).")
@ProblemResponse(status = 503, type = "lake-unavailable", when = "The lake cannot be written (full, read-only, down).")
@RequiresScope(Scope.ADMIN)
@RestController
public class TriggerRunAction {

    static final String PATH = "/api/v1/etl/runs";

    private final RunScheduler runs;

    public TriggerRunAction(RunScheduler runs) {
        this.runs = runs;
    }

    @Operation(summary = "Start an ETL run", description = "Lands everything committed to the topic since the last "
            + "run. One run at a time. Follow the Location to watch it.",
            responses = {
                @ApiResponse(responseCode = "202", description = "Queued")})
    @PostMapping(PATH)
    public ResponseEntity<Run> trigger() {
        try {
            Run run = runs.trigger();
            return ResponseEntity.accepted().location(URI.create(PATH + "/" + run.id())).body(run);
        } catch (RunInProgress e) {
            throw new ProblemException(HttpStatus.CONFLICT, "run-in-progress", "A run is in progress",
                    "Run " + e.runningId() + " is in progress; one run at a time.")
                    .with("runningRunId", e.runningId())
                    .header(HttpHeaders.LOCATION, PATH + "/" + e.runningId());
        } catch (java.io.UncheckedIOException e) {
            // Full (quota), read-only (safe mode) or unreachable lake: not even the run's record can be written.
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "lake-unavailable", "The lake cannot be written",
                    "No run was started: " + RunScheduler.rootMessage(e))
                    .header(HttpHeaders.RETRY_AFTER, "30");
        }
    }
}
