package io.attemptlake.etl.erasure;

import io.attemptlake.model.tenant.TenantId;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/erasures}: erase learners from a tenant's tables (admin). Answers when the rows
 * are gone from every table and every file, with how many went from each; {@code dryRun} only counts.
 */
@Tag(name = "Erasures")
@ProblemResponse(status = 400, type = "invalid-erasure", when = "No tenant, no learner, a blank identifier, or too many.")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 409, type = "lake-busy", when = "A run or other maintenance kept the lake too long; retry after Retry-After.")
@ProblemResponse(status = 503, type = "lake-unavailable", when = "The lake cannot be written (full, read-only, down).")
@RequiresScope(Scope.ADMIN)
@RestController
public class EraseLearnersAction {

    static final String PATH = "/api/v1/erasures";

    private final ErasureService erasures;

    public EraseLearnersAction(ErasureService erasures) {
        this.erasures = erasures;
    }

    @Operation(summary = "Erase learners from a tenant's tables",
            description = "Removes every row of the learners (by user_exam_id) and attempts (by keen_id) from raw, "
                    + "attempts, questions, options and quarantine, and deletes the files that held them at once: "
                    + "no earlier version of those tables can be read afterwards. Later runs drop what the topic "
                    + "still holds of them. The audit entry names the key, the time and the counts, never the "
                    + "identifiers.",
            responses = {
                @ApiResponse(responseCode = "201", description = "Erased; the Location is the audit entry"),
                @ApiResponse(responseCode = "200", description = "A dry run: what would be removed")})
    @PostMapping(PATH)
    public ResponseEntity<Erasure> erase(@RequestBody ErasureRequest request, HttpServletRequest http) {
        check(request);
        try {
            Erasure erasure = erasures.erase(ApiKeyInterceptor.callerOf(http), request);
            return erasure.dryRun() ? ResponseEntity.ok(erasure)
                    : ResponseEntity.created(URI.create(PATH + "/" + erasure.id())).body(erasure);
        } catch (java.io.UncheckedIOException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "lake-unavailable", "The lake cannot be written",
                    "Nothing was erased: " + rootMessage(e)).header(HttpHeaders.RETRY_AFTER, "30");
        }
    }

    private static void check(ErasureRequest request) {
        if (request.tenant() == null || !TenantId.isValid(request.tenant())) {
            throw invalid("tenant must be a tenant id (" + TenantId.REGEX + ").");
        }
        int ids = request.userExamIds().size() + request.keenIds().size();
        if (ids == 0) {
            throw invalid("Name at least one learner (userExamIds) or attempt (keenIds).");
        }
        if (ids > ErasureService.MAX_IDS) {
            throw invalid("At most " + ErasureService.MAX_IDS + " identifiers in one request; send several.");
        }
        if (Stream.concat(request.userExamIds().stream(), request.keenIds().stream()).anyMatch(id -> id == null || id.isBlank())) {
            throw invalid("An identifier is empty.");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-erasure", "Invalid erasure", detail);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
    }
}
