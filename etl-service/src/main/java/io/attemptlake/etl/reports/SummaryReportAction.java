package io.attemptlake.etl.reports;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/summary}: totals, date span and freshness, for the caller's data. */
@Tag(name = "Reports")
@ProblemResponse(status = 429, type = "rate-limited", when = "This key sends requests faster than it may; retry after Retry-After.")
@RequiresScope(Scope.READ)
@RestController
public class SummaryReportAction {

    private final ReportService reports;

    public SummaryReportAction(ReportService reports) {
        this.reports = reports;
    }

    @Operation(summary = "Totals received and distinct, duplicates, quarantined, date span, last run")
    @GetMapping("/api/v1/reports/summary")
    public Summary summary(HttpServletRequest request) {
        return reports.summary(ApiKeyInterceptor.callerOf(request));
    }
}
