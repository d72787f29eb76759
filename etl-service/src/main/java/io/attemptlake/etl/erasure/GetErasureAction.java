package io.attemptlake.etl.erasure;

import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/erasures/{id}}: an erasure's audit entry (admin). */
@Tag(name = "Erasures")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 404, type = "erasure-not-found", when = "No erasure has this id.")
@RequiresScope(Scope.ADMIN)
@RestController
public class GetErasureAction {

    private final ErasureService erasures;

    public GetErasureAction(ErasureService erasures) {
        this.erasures = erasures;
    }

    @Operation(summary = "One erasure: who asked, when, and how many rows went from each table")
    @GetMapping(EraseLearnersAction.PATH + "/{id}")
    public Erasure get(@PathVariable String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw notFound(id);
        }
        return erasures.find(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "erasure-not-found", "No such erasure",
                "There is no erasure " + id + ".");
    }
}
