package io.attemptlake.etl.retention;

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

/**
 * {@code POST /api/v1/retention/purges[?tenant=]}: purge now what the retention policy no longer
 * keeps (admin), rather than wait for the schedule. Answers with what went.
 */
@Tag(name = "Maintenance")
@ProblemResponse(status = 403, type = "forbidden", when = "Only the admin key may do this.")
@ProblemResponse(status = 409, type = "lake-busy", when = "A run or other maintenance kept the lake too long; retry after Retry-After.")
@RequiresScope(Scope.ADMIN)
@RestController
public class PurgeAction {

    private final RetentionService retention;

    public PurgeAction(RetentionService retention) {
        this.retention = retention;
    }

    @Operation(summary = "Purge rows older than each tenant's retention (etl.retention.days.<tenant>)",
            description = "Removes every row whose ingest_date is older than the tenant's days from all five tables, and "
                    + "deletes their files at once. Tenants without a policy (and no default) keep everything.")
    @PostMapping("/api/v1/retention/purges")
    public Purge purge(@RequestParam(required = false) String tenant, HttpServletRequest http) {
        return retention.purge(ApiKeyInterceptor.callerOf(http).keyId(), Optional.ofNullable(tenant));
    }
}
