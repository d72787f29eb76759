package io.attemptlake.etl.run;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/etl/runs}: the history, newest first (admin). */
@Tag(name = "Runs")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 400, type = "invalid-parameter", when = "limit is not a whole number from 1 to 1000.")
@RequiresScope(Scope.ADMIN)
@RestController
public class ListRunsAction {

    /** The page of history returned. */
    public record RunList(List<Run> runs) {
    }

    private final RunScheduler runs;

    public ListRunsAction(RunScheduler runs) {
        this.runs = runs;
    }

    @Operation(summary = "Run history, newest first")
    @GetMapping(TriggerRunAction.PATH)
    public RunList list(@RequestParam(defaultValue = "50") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 1000) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                    "limit must be a whole number from 1 to 1000.");
        }
        return new RunList(runs.list().stream().limit(n).toList());
    }
}
