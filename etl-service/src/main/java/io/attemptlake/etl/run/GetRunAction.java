package io.attemptlake.etl.run;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/etl/runs/{id}}: one run, with live progress while it runs (admin). */
@Tag(name = "Runs")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 404, type = "run-not-found", when = "No run has this id.")
@RequiresScope(Scope.ADMIN)
@RestController
public class GetRunAction {

    private final RunScheduler runs;

    public GetRunAction(RunScheduler runs) {
        this.runs = runs;
    }

    @Operation(summary = "One ETL run: status, progress, counts, offsets, outputs, timings, error")
    @GetMapping(TriggerRunAction.PATH + "/{id}")
    public Run get(@PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "run-not-found",
                "No such run", "There is no run " + id + "."));
    }
}
