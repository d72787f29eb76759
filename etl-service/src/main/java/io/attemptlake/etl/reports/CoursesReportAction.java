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

/** {@code GET /api/v1/reports/courses}: the course report, for the caller's data. */
@Tag(name = "Reports")
@ProblemResponse(status = 429, type = "rate-limited", when = "This key sends requests faster than it may; retry after Retry-After.")
@RequiresScope(Scope.READ)
@RestController
public class CoursesReportAction {

    private final ReportService reports;

    public CoursesReportAction(ReportService reports) {
        this.reports = reports;
    }

    @Operation(summary = "Per course: attempts, distinct attempts, distinct users, mean score; most and least common")
    @GetMapping("/api/v1/reports/courses")
    public CoursesReport courses(HttpServletRequest request) {
        return reports.courses(ApiKeyInterceptor.callerOf(request));
    }
}
