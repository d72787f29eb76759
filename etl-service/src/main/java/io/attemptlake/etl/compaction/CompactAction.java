package io.attemptlake.etl.compaction;

import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/compactions[?tenant=]}: compact now the days runs have filled with small files (admin). */
@Tag(name = "Maintenance")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 409, type = "lake-busy", when = "A run or other maintenance kept the lake too long; retry after Retry-After.")
@RequiresScope(Scope.ADMIN)
@RestController
public class CompactAction {

    private final CompactionService compaction;

    public CompactAction(CompactionService compaction) {
        this.compaction = compaction;
    }

    @Operation(summary = "Compact the days that hold more than etl.compaction.min-files small files",
            description = "Rewrites them into few large files (Delta's OPTIMIZE). The rows stay the same, so no "
                    + "answer changes; queries open fewer files.")
    @PostMapping("/api/v1/compactions")
    public Compaction compact(@RequestParam(required = false) String tenant, HttpServletRequest http) {
        return compaction.compact(ApiKeyInterceptor.callerOf(http).keyId(), Optional.ofNullable(tenant));
    }
}
