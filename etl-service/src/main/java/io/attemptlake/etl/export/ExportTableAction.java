package io.attemptlake.etl.export;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apikey.Caller;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.query.TenantViews;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/exports/{table}?from=&to=}: the caller's current snapshot of a table (a view
 * name: {@code attempts}, {@code options}, ...), every row of it, as one Parquet file, or CSV with
 * {@code Accept: text/csv}; {@code from}/{@code to} bound {@code ingest_date} (inclusive). The bulk
 * path beside the query API's capped answers. A tenant's key exports that tenant's rows, the admin's
 * every tenant's.
 */
@Tag(name = "Tables")
@ProblemResponse(status = 400, type = "invalid-date", when = "A date is not yyyy-mm-dd.")
@ProblemResponse(status = 400, type = "invalid-date-range", when = "from is after to.")
@ProblemResponse(status = 404, type = "unknown-table", when = "No table has this name.")
@ProblemResponse(status = 429, type = "rate-limited", when = "This key sends requests faster than it may; retry after Retry-After.")
@RequiresScope(Scope.READ)
@RestController
public class ExportTableAction {

    private final ExportService exports;

    public ExportTableAction(ExportService exports) {
        this.exports = exports;
    }

    @Operation(summary = "Export every row of one of the caller's tables as Parquet or CSV",
            responses = {
                @ApiResponse(responseCode = "200", description = "the file (Content-Length known before the first byte)")})
    @GetMapping("/api/v1/exports/{table}")
    public void export(@PathVariable String table, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        Table source = TenantViews.VIEWS.get(table);
        if (source == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "unknown-table", "No such table",
                    "Tables: " + String.join(", ", new TreeSet<>(TenantViews.VIEWS.keySet())) + ".");
        }
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-date-range", "Invalid date range",
                    "from (" + first + ") is after to (" + last + ").");
        }
        Caller caller = ApiKeyInterceptor.callerOf(request);
        ExportFormat format = ExportFormat.forAccept(request.getHeader(HttpHeaders.ACCEPT));
        try (ExportService.Export export = exports.write(caller, source, first, last, format)) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(format.mediaType().toString());
            response.setContentLengthLong(export.bytes());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
                    + fileName(caller, table, first, last, format) + "\"");
            export.copyTo(response.getOutputStream());
        }
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-date", "Invalid date",
                    name + " must be a date such as 2026-01-31.");
        }
    }

    private static String fileName(Caller caller, String table, LocalDate from, LocalDate to, ExportFormat format) {
        String who = caller.isAdmin() ? "all-tenants" : caller.tenant();
        String range = from == null && to == null ? "" : "-" + (from == null ? "" : from) + "_" + (to == null ? "" : to);
        return who + "-" + table + range + "." + format.extension();
    }
}
