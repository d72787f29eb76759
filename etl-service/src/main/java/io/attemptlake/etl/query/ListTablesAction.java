package io.attemptlake.etl.query;

import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tables}: the views a query can use, with their columns. */
@Tag(name = "Tables")
@RequiresScope(Scope.READ)
@RestController
public class ListTablesAction {

    /** One view and its columns. */
    public record TableInfo(String name, List<QueryResult.Column> columns) {
    }

    private final TenantViews views;

    public ListTablesAction(TenantViews views) {
        this.views = views;
    }

    @Operation(summary = "The views queries can use, and their columns")
    @GetMapping("/api/v1/tables")
    public List<TableInfo> tables() {
        return TenantViews.VIEWS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new TableInfo(e.getKey(), Arrays.stream(views.schema(e.getValue()).fields())
                        .map(f -> new QueryResult.Column(f.name(), f.dataType().sql())).toList()))
                .toList();
    }
}
